// The whole database type: the union of every module's tables (each module owns its tables.ts).
import type { ContentTables } from '../../modules/content/tables.js';
import type { JobsTables } from '../jobs/tables.js';

export type Database = ContentTables & JobsTables;
