// Engagement journeys in the H5 build served by the local cloud: arrive with an invite code and register, check in
// and see the calendar and the balance change, claim a task reward, open the invite page and the leaderboard.
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud } from '../../localcloud';
import { browserAvailable, CHROMIUM, CHROMIUM_ARGS, H5_INDEX, PAGE_TRANSITION_MS } from '../helpers/browser';
import type { CalendarView, ReferralInfo, TaskList } from '../../client/src/types/engage';

const SCREENSHOTS = process.env.SCREENSHOT_DIR;
const canRun = browserAvailable();

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function callFn<T>(baseUrl: string, fn: string, openid: string, action: string, input: object = {}): Promise<T> {
  const res = await fetch(`${baseUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, ...input }),
  });
  const envelope = (await res.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${fn}.${action} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}

async function settle(page: Page, urlPart: string) {
  await page.waitForURL((url) => url.href.includes(urlPart), { timeout: 15_000 });
  await page.waitForTimeout(PAGE_TRANSITION_MS);
}

async function shot(page: Page, name: string) {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

(canRun ? describe : describe.skip)('engagement pages (H5 in headless Chromium)', () => {
  let cloud: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const NEW = 'browser-invitee';

  beforeAll(async () => {
    if (!fs.existsSync(H5_INDEX)) throw new Error('client/dist/h5 is missing: run `cd client && NODE_ENV=production npx taro build --type h5` first');
    cloud = await startLocalCloud({ port: 0, seed: 'demo', quiet: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
  });

  test('a friend opens an invite link, registers, and is bound to the inviter', async () => {
    const inviter = await callFn<ReferralInfo>(cloud.url, 'referral', 'demo-member-3', 'info');
    await page.goto(`${cloud.url}/?inviteCode=${inviter.inviteCode}`);
    await settle(page, '/pages/login/index');
    await visible(page, '.openid-input input').fill(NEW);
    await visible(page, '.openid-submit').click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await settle(page, '/pages/index/index');
    const after = await callFn<ReferralInfo>(cloud.url, 'referral', 'demo-member-3', 'info');
    expect(after.totals.invited).toBe(inviter.totals.invited + 1);
    expect(after.invitees[0]).toMatchObject({ status: 'registered', rewarded: true });
  }, 60_000);

  test('check in from the card: the calendar marks today and the balance grows', async () => {
    await visible(page, '.engage-links__item--checkin').click();
    await settle(page, '/packages/engage/checkin/index');
    const before = await callFn<CalendarView>(cloud.url, 'checkin', NEW, 'calendar');
    await visible(page, '.checkin-button').waitFor({ timeout: 15_000 });
    expect(Number(await visible(page, '.checkin-balance__value').textContent())).toBe(before.balance);
    expect(await visible(page, `.calendar-day--checked[data-day="${before.today}"]`).count()).toBe(0);
    await visible(page, '.checkin-button').click();
    await visible(page, '.checkin-result').waitFor({ timeout: 15_000 });
    await eventually(async () => Number(await visible(page, '.checkin-balance__value').textContent()), before.balance + before.todayPoints);
    await eventually(() => visible(page, `.calendar-day--checked[data-day="${before.today}"]`).count(), 1);
    expect(await visible(page, '.checkin-button').textContent()).toBe('今日已签到');
    expect(await visible(page, '.checkin-streak__n').textContent()).toBe('1');
    await shot(page, 'engage-checkin');
    await page.goBack();
    await settle(page, '/pages/index/index');
  }, 60_000);

  test('the task list shows the check-in task claimable; claiming pays once', async () => {
    await visible(page, '.engage-links__item--tasks').click();
    await settle(page, '/packages/engage/tasks/index');
    const item = '.task-item[data-id="checkinDaily"]';
    await visible(page, `${item} .task-claim`).waitFor({ timeout: 15_000 });
    await visible(page, `${item} .task-claim`).click();
    await visible(page, '.claim-result').waitFor({ timeout: 15_000 });
    await eventually(async () => visible(page, item).getAttribute('data-status'), 'claimed');
    const list = await callFn<TaskList>(cloud.url, 'task', NEW, 'list');
    expect(list.tasks.find((t) => t.id === 'checkinDaily')?.status).toBe('claimed');
    await shot(page, 'engage-tasks');
    await page.goBack();
    await settle(page, '/pages/index/index');
  }, 60_000);

  test('the invite page shows my code, share action and invitees; the leaderboard opens from it', async () => {
    await visible(page, '.engage-links__item--invite').click();
    await settle(page, '/packages/engage/invite/index');
    const info = await callFn<ReferralInfo>(cloud.url, 'referral', NEW, 'info');
    await eventually(async () => (await visible(page, '.invite-code').textContent())?.trim(), info.inviteCode);
    expect(await visible(page, '.invite-share').count()).toBe(1);
    expect(await visible(page, '.invitee-empty').count()).toBe(1);
    await shot(page, 'engage-invite');
    await visible(page, '.invite-board').click();
    await settle(page, '/packages/engage/leaderboard/index');
    await visible(page, '.board-me').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.board-tab--active').textContent()).toBe('邀请榜');
    await visible(page, '.board-tab:not(.board-tab--active)').click();
    await eventually(async () => visible(page, '.board-tab--active').textContent(), '积分榜');
    await eventually(async () => (await visible(page, '.board-row--me').count()) >= 0, true);
    await shot(page, 'engage-leaderboard');
  }, 60_000);
});
