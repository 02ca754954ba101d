// Engagement journeys in the H5 build served by the local cloud: arrive with an invite code and register, check in
// and see the calendar and the balance change, claim a task reward, open the invite page and the leaderboard.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

type CalendarView = Output<'checkin', 'calendar'>;
type ReferralInfo = Output<'referral', 'info'>;
type TaskList = Output<'task', 'list'>;

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('engagement pages (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  const NEW = 'browser-invitee';

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('a friend opens an invite link, registers, and is bound to the inviter', async () => {
    const inviter = await callFunction<ReferralInfo>(cloud.url, 'referral', 'demo-member-3', { action: 'info' });
    await page.goto(`${cloud.url}/?inviteCode=${inviter.inviteCode}`);
    await settle(page, '/pages/login/index');
    await visible(page, '.openid-input input').fill(NEW);
    await visible(page, '.openid-submit').click();
    // The invite landing page first (who invites, what both get); 立即加入 goes on to register with the code.
    await settle(page, '/packages/engage/welcome/index');
    await visible(page, '.welcome-join').click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await settle(page, '/pages/index/index');
    const after = await callFunction<ReferralInfo>(cloud.url, 'referral', 'demo-member-3', { action: 'info' });
    expect(after.totals.invited).toBe(inviter.totals.invited + 1);
    expect(after.invitees[0]).toMatchObject({ status: 'registered', rewarded: true });
  }, 60_000);

  test('check in from the card: the calendar marks today and the balance grows', async () => {
    await visible(page, '.engage-links__item--checkin').click();
    await settle(page, '/packages/engage/checkin/index');
    const before = await callFunction<CalendarView>(cloud.url, 'checkin', NEW, { action: 'calendar' });
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
    const list = await callFunction<TaskList>(cloud.url, 'task', NEW, { action: 'list' });
    expect(list.tasks.find((t) => t.id === 'checkinDaily')?.status).toBe('claimed');
    await shot(page, 'engage-tasks');
    await page.goBack();
    await settle(page, '/pages/index/index');
  }, 60_000);

  test('the invite page shows my code, share action and invitees; the leaderboard opens from it', async () => {
    await visible(page, '.engage-links__item--invite').click();
    await settle(page, '/packages/engage/invite/index');
    const info = await callFunction<ReferralInfo>(cloud.url, 'referral', NEW, { action: 'info' });
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
