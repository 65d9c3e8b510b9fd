// Child process of bench/editorial.ts: the real app as `serve` builds it (job worker included), listening on
// config.port (PORT) at config.baseUrl (BROADSIDE_URL), so that the admin's same-origin checks hold.
// Tells the parent over IPC when it listens, and answers "stats" (its CPU time) and stops on SIGTERM.
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/app.js';

const send = (m: object) => process.send?.(m);

try {
  const config = loadConfig(process.env);
  const built = await buildApp(config);
  await built.app.listen({ port: config.port, host: '127.0.0.1' });
  built.startBackground();

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await built.close().catch(() => {});
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stats') send({ type: 'stats', cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  });
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  process.once('disconnect', () => void shutdown());
  send({ type: 'listening', port: config.port, pid: process.pid });
} catch (err) {
  send({ type: 'error', message: (err as Error).stack ?? String(err) });
  process.exitCode = 1;
  process.disconnect?.();
}
