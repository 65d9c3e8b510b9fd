// `broadside user add --email E --name N --role R [--password P]`: makes a staff account from the shell.
// Without --password the password is read from the terminal (not echoed) or as the first line of stdin.
// Exit codes: 0 done; 2 the command line is wrong; 1 the values were refused (taken email, short password…).
import type { Config } from '../../../config.js';
import { plainCtx } from '../../../platform/context/index.js';
import { openDatabase } from '../../../platform/db/index.js';
import { migrateToLatest } from '../../../platform/db/migrate.js';
import { AppError } from '../../../platform/http/errors.js';
import { ROLES, isRole } from './roles.js';
import { createStaffUser } from './operations/createStaffUser.js';

export const USER_USAGE = 'Usage: broadside user add --email EMAIL --name NAME --role ROLE [--password PASSWORD]';
const FLAGS = ['email', 'name', 'role', 'password'] as const;
type Flag = (typeof FLAGS)[number];

class UsageError extends Error {}

function parse(args: string[]): Partial<Record<Flag, string>> {
  const out: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`Unexpected argument "${arg.slice(0, 40)}". ${USER_USAGE}`);
    const flag = m[1] as Flag;
    if (!FLAGS.includes(flag)) throw new UsageError(`Unknown option --${m[1]!.slice(0, 40)}. ${USER_USAGE}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${flag} needs a value. ${USER_USAGE}`);
    if (out[flag] !== undefined) throw new UsageError(`--${flag} is given twice.`);
    out[flag] = value;
  }
  return out;
}

export async function userCommand(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  try {
    if (sub !== 'add') throw new UsageError(sub === undefined ? USER_USAGE : `Unknown user command "${sub.slice(0, 40)}". ${USER_USAGE}`);
    const flags = parse(rest);
    const missing = (['email', 'name', 'role'] as const).filter((f) => !flags[f]);
    if (missing.length) throw new UsageError(`Missing ${missing.map((f) => `--${f}`).join(', ')}. ${USER_USAGE}`);
    if (!isRole(flags.role)) throw new UsageError(`Unknown role "${flags.role!.slice(0, 40)}": use one of ${ROLES.join(', ')}.`);
    const password = flags.password ?? (await readPassword());

    const handle = openDatabase(config);
    try {
      await migrateToLatest(handle.db);
      const { id } = await createStaffUser(plainCtx(handle.db, handle.engine), { email: flags.email!, name: flags.name!, role: flags.role, password });
      console.log(`Created the ${flags.role} account "${flags.name!.trim()}" (user ${id}).`);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      process.exitCode = 2;
      return;
    }
    if (err instanceof AppError) {
      console.error(`Not created: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return promptHidden('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break; // the first line is enough
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError('No password: give --password, or pipe it on stdin as one line (stdin was empty and is not a terminal).');
  return line;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done(value ? undefined : new UsageError('No password entered.'));
        if (ch === '\u0003') return done(new UsageError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
