// Outgoing mail's door: enqueueMail in the transaction of the change; the 'mail.send' job sends it.
export { enqueueMail, MAIL_JOB } from './enqueueMail.js';
export { mailSendHandler } from './send.js';
export { mailMode, createMailTransport, type MailMode, type MailTransport } from './transport.js';
export { checkMail, type MailMessage } from './message.js';
