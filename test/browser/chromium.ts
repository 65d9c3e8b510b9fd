// Debian's Chromium for browser tests: never a downloaded browser. Tests skip, with this reason, without it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
export { freePort } from '../net.js';

export const CHROMIUM = '/usr/bin/chromium';
export const noChromium: string | false = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM}`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
