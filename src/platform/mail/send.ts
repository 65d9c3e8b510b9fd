// The 'mail.send' job: hands one queued message to the transport. Failures throw, and the job retries.
import type { Config } from '../../config.js';
import { AppError } from '../http/errors.js';
import { PermanentJobError, type JobHandler } from '../jobs/index.js';
import { checkMail, type MailMessage } from './message.js';
import { createMailTransport } from './transport.js';

export function mailSendHandler(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): JobHandler<MailMessage> {
  const transport = createMailTransport(config);
  return async (payload, _ctx, job) => {
    let message: MailMessage;
    try {
      message = checkMail(payload);
    } catch (err) {
      // A malformed row will not get better by waiting.
      if (err instanceof AppError) throw new PermanentJobError(err.message);
      throw err;
    }
    await transport.send(message, `job-${job.id}`);
  };
}
