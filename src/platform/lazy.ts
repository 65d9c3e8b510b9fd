// Libraries that only some requests need (image processing, feeds, diffs, two-factor codes, the HTML sanitiser)
// are loaded on first use rather than at start: each costs megabytes of resident memory and start-up time in
// every process, and most processes serve cached pages all day. `require` keeps the call sites synchronous.
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** A function that loads `name` on its first call and returns the same module ever after. */
export function lazy<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireFromHere(name) as T);
}
