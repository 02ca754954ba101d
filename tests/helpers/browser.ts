// Shared set-up of the browser suites: Debian's Chromium through playwright-core, never a downloaded browser.
import fs from 'fs';
import path from 'path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google hosts that this network refuses.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const H5_INDEX = path.resolve(__dirname, '../../client/dist/h5/index.html');
// Taro animates page transitions; assert on a newly opened page only after it settles.
export const PAGE_TRANSITION_MS = 1000;

/** In CI the suite must run; elsewhere it says why it skips when Chromium is missing. */
export function browserAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
  if (!ok) console.warn(`[browser] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH). In CI this suite must run.`);
  return ok;
}
