// Queues a mail. Pass the transaction of the change that causes it, so the mail goes only if the change commits.
import type { Db } from '../db/index.js';
import { enqueue, type EnqueueOptions } from '../jobs/index.js';
import { checkMail, type MailMessage } from './message.js';

export const MAIL_JOB = 'mail.send';

export async function enqueueMail(db: Db, message: MailMessage, opts: EnqueueOptions = {}): Promise<number> {
  return enqueue(db, MAIL_JOB, checkMail(message), opts);
}
