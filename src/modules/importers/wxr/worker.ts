// The reading half of an import, in a thread of its own: the file is decoded and parsed here, and each item's
// database-free work done (wordpress/prepare.ts), while the import thread writes the previous records. Records
// go over in messages, a bounded number in flight, so a slow database holds the reading back instead of filling memory.
import { parentPort, workerData } from 'node:worker_threads';
import { createReadStream } from 'node:fs';
import { WxrError, WxrParser, type ReadLimits } from './parser.js';
import { Preparer, type PrepareOptions } from '../wordpress/prepare.js';
import type { WorkerMessage } from './source.js';

const { file, limits, prepare: prepareOptions } = workerData as { file: string; limits: ReadLimits; prepare: PrepareOptions };
const port = parentPort!;
/** Messages sent and not yet taken: enough that the reading goes on while the import thread writes a batch. */
let credits = 16;
/**
 * Read 64 KiB at a time: larger pieces decode to strings too large for V8's young generation, which are then
 * collected only by full collections (measured: the reading thread's GC time cut by half or more). Records are
 * sent some tens at a time all the same.
 */
const CHUNK = 64 * 1024;
const SEND_AT = 40;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

async function send(m: WorkerMessage): Promise<void> {
  while (credits <= 0) await new Promise<void>((r) => (wake = r));
  credits--;
  port.postMessage(m);
}

function failureOf(err: unknown): WorkerMessage['failure'] {
  if (err instanceof WxrError) return { line: err.line, column: err.column, reason: err.reason };
  return { line: 0, column: 0, reason: (err as Error)?.message ?? String(err), fatal: true };
}

/** Each item's work that needs no database (see wordpress/prepare.ts). */
const preparer = new Preparer(prepareOptions);

async function main(): Promise<void> {
  const parser = new WxrParser(limits);
  let bytes = 0;
  let pending: WorkerMessage['records'] = [];
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      bytes += (chunk as Buffer).length;
      const records = preparer.prepare(parser.write(chunk as Buffer));
      if (parser.failure) {
        await send({ records: [...pending, ...records], bytes, failure: failureOf(parser.failure), notes: parser.notes, done: true });
        return;
      }
      pending.push(...records);
      if (pending.length >= SEND_AT) {
        const out = pending;
        pending = [];
        await send({ records: out, bytes, failure: null, notes: [], done: false });
      }
    }
    const records = preparer.prepare(parser.end());
    await send({ records: [...pending, ...records], bytes, failure: parser.failure ? failureOf(parser.failure) : null, notes: parser.notes, done: true });
  } catch (err) {
    await send({ records: pending, bytes, failure: failureOf(err), notes: parser.notes, done: true });
  }
}

void main();
