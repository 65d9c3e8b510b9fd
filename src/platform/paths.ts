// Where the build's files are, whether this code runs as the bundled server (dist/server.js, what `serve` runs)
// or as separately compiled modules (dist/src/…, what tests import). The build defines BROADSIDE_BUNDLE in the
// bundle only.
import { fileURLToPath, pathToFileURL } from 'node:url';

declare const BROADSIDE_BUNDLE: boolean | undefined;

/** True in the bundled server (dist/server.js), false in the separately compiled modules. */
export const bundled = typeof BROADSIDE_BUNDLE !== 'undefined' && !!BROADSIDE_BUNDLE;

/** The build's root directory (dist/ or $BROADSIDE_BUILD_DIR), as a URL ending in '/'. */
export const buildRoot = new URL(bundled ? './' : '../../', import.meta.url);

/** A path inside the build, e.g. buildPath('admin/'). */
export function buildPath(rel: string): string {
  return fileURLToPath(new URL(rel, buildRoot));
}

/**
 * The script of a worker thread: in the bundled server, its own bundle beside it (dist/<name>.js, an entry of
 * scripts/build.mjs); otherwise the compiled module the caller names relative to itself.
 */
export function threadScript(name: string, compiled: URL): URL {
  return bundled ? pathToFileURL(buildPath(`${name}.js`)) : compiled;
}
