// 营销自动化 (H5 build, demo seed) at 375 px and 1280 px: an operator switches a playbook rule on from the rules list,
// edits another (a new version), dry-runs it (members reached and the cost) and reads a member's run log with the
// reason a rule did not act; a clerk works the store's 回访任务 (人工关怀回访) and records 已联系, which the console's
// report counts.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openAs, settle, shot, signInAs, useH5Suite, visible, WORKBENCH_PATH } from '../helpers/browser';

const canRun = browserAvailable();
const LIST = '/packages/admin/automation/index';

(canRun ? describe : describe.skip)('营销自动化 console and 回访任务 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  describe.each([
    [375, { toggle: 'pb-birthday', edit: 'pb-tier-up', member: 'demo-member-2' }],
    [1280, { toggle: 'pb-points-expiring', edit: 'pb-silent-wakeup', member: 'demo-member-3' }],
  ] as const)('at %i px', (width, c) => {
    test('the rules list: switch a playbook rule on, edit and dry-run another, a member\'s run log', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      const memberNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', c.member, { action: 'home' })).member.memberNo;
      const now = new Date();
      await cloud.db.insertMany('automation_runs', [
        { _id: `${c.edit}:v1:${c.member}:inactive-x`, rule: c.edit, version: 1, openid: c.member, memberNo, occurrence: 'inactive-2026-01-01', trigger: 'inactive', ref: '2026-01-01', outcome: 'skipped', reason: 'memberLimit', points: 0, vouchers: 0, messages: 0, tasks: 0, createdAt: now },
        { _id: `pb-new-first-order:v1:${c.member}:join`, rule: 'pb-new-first-order', version: 1, openid: c.member, memberNo, occurrence: 'join', trigger: 'registered', ref: c.member, outcome: 'acted', reason: null, points: 0, vouchers: 1, messages: 1, tasks: 0, createdAt: new Date(now.getTime() - 60_000) },
      ]);

      await openAs(page, cloud.url, 'demo-operator', LIST);
      const card = visible(page, `.automation-rule[data-id="${c.toggle}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getAttribute('data-status')).toBe('draft');
      expect(await card.locator('.automation-status').textContent()).toBe('草稿');
      await shot(page, `console-automation-list-${width}`);
      await card.locator('.automation-toggle').click();
      await eventually(() => visible(page, `.automation-rule[data-id="${c.toggle}"]`).getAttribute('data-status'), 'live');
      expect(await visible(page, `.automation-rule[data-id="${c.toggle}"] .automation-status`).textContent()).toBe('运行中');

      // A member's run log: acted, and not acted with the reason.
      await visible(page, '.automation-member-input input').fill(memberNo);
      await visible(page, '.automation-member-search').click();
      const skipped = visible(page, `.automation-member-runs .automation-run[data-outcome="skipped"]`);
      await skipped.waitFor({ timeout: 15_000 });
      expect(await skipped.textContent()).toContain('未执行：已达每人次数上限');
      expect(await visible(page, '.automation-member-runs .automation-run[data-outcome="acted"]').textContent()).toContain('新会员首单券');
      await shot(page, `console-automation-member-runs-${width}`);

      // Edit a playbook rule: its trigger and actions are shown; a dry run says whom it reaches and what it costs.
      await visible(page, `.automation-rule[data-id="${c.edit}"] .automation-open`).click();
      await settle(page, '/packages/admin/automation-rule/index');
      const name = visible(page, '.automation-name input');
      await eventually(() => name.inputValue(), c.edit === 'pb-tier-up' ? '升级祝贺' : '沉默会员唤醒礼');
      expect(await visible(page, '.automation-chips--trigger .catalog-chip--active').textContent()).toBe(c.edit === 'pb-tier-up' ? '等级变化' : '沉默未活跃');
      await name.fill(`${await name.inputValue()}（改）`);
      await visible(page, '.automation-dry-run').click();
      await visible(page, '.automation-reached').waitFor({ timeout: 30_000 });
      expect(await visible(page, '.automation-reached').textContent()).toMatch(/^\d+ 人$/);
      expect(await visible(page, '.automation-dry-cost').textContent()).toMatch(/^预计发放积分 \d+ · 券 \d+ 张 · 消息 \d+ 条 · 回访任务 \d+ 个$/);
      await visible(page, '.automation-save').click();
      await visible(page, '.automation-saved').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.automation-saved').textContent()).toBe('已保存为版本 1');
      // Its run log lists the run above.
      expect(await visible(page, '.automation-rule-runs .automation-run[data-outcome="skipped"]').textContent()).toContain(memberNo);
      await shot(page, `console-automation-rule-${width}`);
      // A bad value is refused in Chinese before anything is sent.
      await visible(page, '.automation-max input').fill('0');
      await visible(page, '.automation-save').click();
      await visible(page, '.automation-save-error').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.automation-save-error').textContent()).toMatch(/每人最多次数/);
    }, 180_000);

    test('回访任务: the clerk\'s store list, the outcome recorded once, the console report counts it', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      const member = width === 375 ? 'demo-member-4' : 'demo-member-5';
      const memberNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', member, { action: 'home' })).member.memberNo;
      const now = new Date();
      const month = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      const taskId = `task:pb-churned-callback:v1:${member}:stage-churned-${width}`;
      await cloud.db.insertMany('followup_tasks', [{
        _id: taskId, openid: member, memberNo, nickname: `回访会员${width}`, storeId: 'store-mall-01', rule: 'pb-churned-callback', ruleName: '流失会员人工回访', run: taskId.slice(5),
        reason: '人工关怀回访', dueDay: '2099-01-01', month, status: 'open', outcome: null, note: null, doneBy: null, doneByName: null, doneAt: null, requestId: null, createdAt: now, updatedAt: now,
      }]);

      await signInAs(page, cloud.url, 'demo-clerk');
      await visible(page, '.followups-link').click();
      await settle(page, '/packages/staff/followups/index');
      const task = visible(page, `.followup-task[data-id="${taskId}"]`);
      await task.waitFor({ timeout: 15_000 });
      expect(await task.locator('.followup-member').textContent()).toBe(`回访会员${width} · ${memberNo}`);
      expect(await task.locator('.followup-reason').textContent()).toBe('人工关怀回访 · 流失会员人工回访 · 星河广场旗舰店');
      expect(await task.locator('.followup-due').textContent()).toBe('2099-01-01 前');
      await shot(page, `staff-followups-${width}`);
      await task.locator('.followup-note input').fill('已电话沟通，周末到店');
      await task.locator('.followup-record[data-outcome="reached"]').click();
      await visible(page, `.followup-task[data-id="${taskId}"]`).waitFor({ state: 'detached', timeout: 15_000 });
      await visible(page, '.followups-tab[data-tab="done"]').click();
      const done = visible(page, `.followup-task[data-id="${taskId}"]`);
      await done.waitFor({ timeout: 15_000 });
      expect(await done.locator('.followup-outcome').textContent()).toMatch(/^已联系：已电话沟通，周末到店 · 店员 小李 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await shot(page, `staff-followups-done-${width}`);
      expect(page.url()).not.toContain(WORKBENCH_PATH);

      // The console's report: this month's tasks of 星河广场旗舰店 by outcome.
      await openAs(page, cloud.url, 'demo-operator', LIST);
      const row = visible(page, '.automation-report-row[data-store="store-mall-01"]');
      await row.waitFor({ timeout: 15_000 });
      const cells = await row.locator('.console-cell').allTextContents();
      expect(cells[0]).toBe('星河广场旗舰店');
      expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
      await shot(page, `console-automation-report-${width}`);
    }, 180_000);
  });
});
