// Loopback helpers shared by the browser tests and the benchmarks.
import { createServer, type AddressInfo } from 'node:net';

/** A free loopback port, so that the app's public URL (checked as the Origin of form posts) is known before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
