// Child process: the real app, as `serve` builds it, listening on a free loopback port.
// Tells the parent its port over IPC and answers "stats" requests (memory, CPU time, cached pages).
import type { AddressInfo } from 'node:net';
// The bundled server, exactly what `npm start` runs (dist/server.js), not the separately compiled modules.
const { loadConfig, buildApp } = (await import(new URL('../server.js', import.meta.url).href)) as typeof import('../src/main.js');

const send = (m: object) => process.send?.(m);

try {
  const config = loadConfig(process.env);
  const built = await buildApp(config);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  built.startBackground();
  const { port } = built.app.server.address() as AddressInfo;

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await built.close().catch(() => {});
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stats') {
      const mem = process.memoryUsage();
      send({ type: 'stats', rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, cpu: process.cpuUsage(), cachedPages: built.cache.size });
    }
  });
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  // Never outlive the benchmark runner.
  process.once('disconnect', () => void shutdown());
  send({ type: 'listening', port, pid: process.pid });
} catch (err) {
  send({ type: 'error', message: (err as Error).stack ?? String(err) });
  process.exitCode = 1;
  process.disconnect?.();
}
