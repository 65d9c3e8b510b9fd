// The whole database type: the union of every module's tables (each module owns its tables.ts).
import type { ContentTables } from '../../modules/content/tables.js';
import type { JobsTables } from '../jobs/tables.js';
import type { MediaTables } from '../../modules/media/tables.js';
import type { ArticleAdminTables } from '../../modules/editorial/articles/tables.js';
import type { EditorialTables } from '../../modules/editorial/auth/tables.js';
import type { SearchTables } from '../../modules/search/tables.js';
import type { CommentsTables } from '../../modules/comments/tables.js';
import type { CacheTables } from '../cache/tables.js';
import type { FundingTables } from '../../modules/funding/tables.js';
import type { ImportersTables } from '../../modules/importers/tables.js';

export type Database = ContentTables & JobsTables & MediaTables & ArticleAdminTables & EditorialTables & SearchTables & CommentsTables & FundingTables & ImportersTables & CacheTables;
