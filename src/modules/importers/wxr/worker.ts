// The reading half of an import, in a thread of its own: the file is decoded and parsed here while the main
// thread converts and writes the previous records (the machine's second core does the XML). Records go over in
// messages, a few in flight at most, so a slow database holds the reading back instead of filling memory.
import { parentPort, workerData } from 'node:worker_threads';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { WxrError, WxrParser, type ReadLimits } from './parser.js';
import { htmlToText } from '../convert/text.js';
import type { WxrRecord } from './model.js';
import type { WorkerMessage } from './source.js';

const { file, limits } = workerData as { file: string; limits: ReadLimits };
const port = parentPort!;
let credits = 4;
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

/** Work that needs nothing but the item, done here so that the main thread only converts and writes. */
function prepare(records: WxrRecord[]): WxrRecord[] {
  for (const r of records) {
    if (r.kind !== 'item') continue;
    const { line: _line, ...rest } = r.item;
    r.item.prepared = {
      hash: createHash('sha256').update(JSON.stringify(rest)).digest('hex'),
      commentTexts: r.item.comments.map((c) => htmlToText(c.content, true)),
    };
  }
  return records;
}

async function main(): Promise<void> {
  const parser = new WxrParser(limits);
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 512 * 1024 })) {
      bytes += (chunk as Buffer).length;
      const records = prepare(parser.write(chunk as Buffer));
      if (parser.failure) {
        await send({ records, bytes, failure: failureOf(parser.failure), notes: parser.notes, done: true });
        return;
      }
      if (records.length) await send({ records, bytes, failure: null, notes: [], done: false });
    }
    const records = prepare(parser.end());
    await send({ records, bytes, failure: parser.failure ? failureOf(parser.failure) : null, notes: parser.notes, done: true });
  } catch (err) {
    await send({ records: [], bytes, failure: failureOf(err), notes: parser.notes, done: true });
  }
}

void main();
