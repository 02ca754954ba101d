// Shared set-up of the browser suites: Debian's Chromium through playwright-core, never a downloaded browser.
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { checkAnswer } from './contractCheck';

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

export interface H5Suite {
  cloud: LocalCloud;
  browser: Browser;
  page: Page;
}

/**
 * One browser suite's world: the local cloud with the demo seed serving client/dist/h5, Chromium, and a phone-sized
 * page. If Chromium fails to start, the cloud is stopped again before the error is rethrown.
 */
export async function startH5Suite(): Promise<H5Suite> {
  if (!fs.existsSync(H5_INDEX)) {
    throw new Error('client/dist/h5 is missing: run `cd client && NODE_ENV=production npx taro build --type h5` first');
  }
  const cloud = await startLocalCloud({ port: 0, seed: 'demo', quiet: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    return { cloud, browser, page };
  } catch (err) {
    await browser?.close();
    await cloud.stop();
    throw err;
  }
}

/** Closes what startH5Suite opened; safe when it never finished (undefined suite). */
export async function stopH5Suite(suite: H5Suite | undefined): Promise<void> {
  await suite?.browser.close();
  await suite?.cloud.stop();
}

/**
 * Registers beforeAll/afterAll for the enclosing describe: startH5Suite before the first test (then `ready`, for the
 * file's own wiring and set-up, inside the same 60 s), stopH5Suite after the last, even when `ready` failed.
 */
export function useH5Suite(ready: (suite: H5Suite) => void | Promise<void>): void {
  let suite: H5Suite | undefined;
  beforeAll(async () => {
    suite = await startH5Suite();
    await ready(suite);
  }, 60_000);
  afterAll(() => stopH5Suite(suite));
}

/** What a function receives: usually `{ action, ...input }`. */
export type FunctionEvent = { action?: string; [field: string]: unknown };

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Posts `event` to a function through the gateway as `openid` and returns the envelope as is. */
export async function postFunction<T>(baseUrl: string, fn: string, openid: string, event: FunctionEvent): Promise<Envelope<T>> {
  const res = await fetch(`${baseUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  const body = (await res.json()) as Envelope<T>;
  checkAnswer(fn, event, body);
  return body;
}

/** Calls a function as `openid` and returns its data; a failed envelope throws. */
export async function callFunction<T>(baseUrl: string, fn: string, openid: string, event: FunctionEvent): Promise<T> {
  const envelope = await postFunction<T>(baseUrl, fn, openid, event);
  if (!envelope.ok) {
    const name = event.action ? `${fn}.${event.action}` : fn;
    throw new Error(`${name} failed: ${envelope.error?.code} ${envelope.error?.message}`);
  }
  return envelope.data;
}

// Taro keeps earlier pages of the stack in the DOM, hidden: only the visible page counts.
export const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

/** Waits until the URL contains `urlPart`, then for Taro's page transition to finish. */
export async function settle(page: Page, urlPart: string): Promise<void> {
  await page.waitForURL((url) => url.href.includes(urlPart), { timeout: 15_000 });
  await page.waitForTimeout(PAGE_TRANSITION_MS);
}

export const WORKBENCH_PATH = '/packages/staff/index/index';
export const CONSOLE_PATH = '/packages/admin/index/index';
const LANDINGS: Record<string, string> = { clerk: WORKBENCH_PATH, manager: WORKBENCH_PATH, operator: CONSOLE_PATH, analyst: CONSOLE_PATH, admin: CONSOLE_PATH };

/**
 * Opens the sign-in page, picks the demo identity `openid`, and waits for the member card; staff then land where they
 * work (clerks and managers on the workbench, operators, analysts and admins on the console): waits for that page.
 */
export async function signInAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.waitForSelector(`.identity-item[data-openid="${openid}"]`, { timeout: 15_000 });
  const role = await page.getAttribute(`.identity-item[data-openid="${openid}"] .identity-item__role`, 'class');
  await page.click(`.identity-item[data-openid="${openid}"]`);
  // Staff may be on their landing page before the card is ever seen: the card needs only to be there.
  await page.waitForSelector('.member-card', { state: 'attached', timeout: 15_000 });
  const landing = LANDINGS[/role-(\w+)/.exec(role ?? '')?.[1] ?? ''];
  await settle(page, landing ?? '/pages/index/index');
}

/** Re-reads `read` until it equals `expected` (pages render after their data arrives), then asserts once more. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}

/** A full-page screenshot named `name`, only when SCREENSHOT_DIR is set. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * As the signed-in staff member: open 门店工作台, enter `memberOpenid`'s current member code and land on the member
 * view (checked to show that member). Returns the member number.
 */
export async function openScannedMember(page: Page, baseUrl: string, memberOpenid: string): Promise<string> {
  if (!page.url().includes(WORKBENCH_PATH)) {
    await page.goto(`${baseUrl}/#${WORKBENCH_PATH}`);
    await settle(page, WORKBENCH_PATH);
  }
  await visible(page, '.code-input').waitFor({ timeout: 15_000 });
  const code = await callFunction<{ code: string; memberNo: string }>(baseUrl, 'member', memberOpenid, { action: 'code' });
  await page.locator('.code-input:visible input').fill(code.code);
  await visible(page, '.code-submit').click();
  await settle(page, '/packages/staff/member/index');
  await visible(page, '.scanned-member').waitFor({ timeout: 15_000 });
  expect(await visible(page, '.member-no').textContent()).toBe(`会员号 ${code.memberNo}`);
  return code.memberNo;
}

/** Signs in as any openid on the local sign-in page (staff or not), then opens `url` (a console or mall page). */
export async function openAs(page: Page, baseUrl: string, openid: string, url: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.locator('.openid-input input').waitFor({ timeout: 15_000 });
  await page.locator('.openid-input input').fill(openid);
  await page.click('.openid-submit');
  await page.waitForURL((u) => !u.href.includes('/pages/login/'), { timeout: 15_000 });
  // Let the landing page's own navigation finish first, so it cannot replace the page opened next.
  await page.waitForTimeout(PAGE_TRANSITION_MS);
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${baseUrl}/#${url}`);
    await page.waitForTimeout(PAGE_TRANSITION_MS);
    if (page.url().includes(url) || attempt === 2) break;
  }
  await settle(page, url);
}

/** Types into the visible form field `selector` (a Taro Input or Textarea). */
export async function fillField(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(`${selector}:visible`).locator('input, textarea').first().fill(value);
}
