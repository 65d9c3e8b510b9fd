// Child process: the baseline. A bare node:http server that answers each known URL with bytes held in memory:
// the same status, headers and body the app sent for it (the parent fetched them first and sends them over IPC).
// Node adds Date and Connection itself, as it does for the app.
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Route {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}
const routes = new Map<string, Route>();
const send = (m: object) => process.send?.(m);

const server = createServer((req, res) => {
  const r = routes.get(req.url ?? '/');
  if (!r) {
    res.writeHead(404, { 'content-length': 0 });
    res.end();
    return;
  }
  res.writeHead(r.status, r.headers);
  res.end(r.body);
});

process.on('message', (m: { type?: string; routes?: { path: string; status: number; headers: Record<string, string | string[]>; body: string }[] }) => {
  if (m?.type === 'routes' && m.routes) {
    for (const r of m.routes) routes.set(r.path, { status: r.status, headers: r.headers, body: Buffer.from(r.body, 'base64') });
    send({ type: 'routes-ok', count: routes.size });
  } else if (m?.type === 'stats') {
    const mem = process.memoryUsage();
    send({ type: 'stats', rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, cpu: process.cpuUsage(), cachedPages: routes.size });
  }
});

const shutdown = () => server.close(() => process.exit(0)).closeAllConnections();
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
process.once('disconnect', shutdown);

server.listen(0, '127.0.0.1', () => {
  send({ type: 'listening', port: (server.address() as AddressInfo).port, pid: process.pid });
});
