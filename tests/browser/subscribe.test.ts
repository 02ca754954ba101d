// Subscription message consent in the H5 build at 375 px: the calendar's 签到提醒 and the prompt after a check-in open
// the look-alike WeChat dialog (允许 / 取消, one switch per template); what the member allows is counted in our consent
// ledger and held by the local cloud's WeChat side, 取消 counts nothing, and the tier page offers the same.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const ID = (key: string) => DEFAULT_CONFIG.notify.templates.find((x) => x.key === key)!.ids[0].id;
const MEMBER = 'demo-member-1';

type Templates = { consents: Array<{ key: string; count: number }> };

(canRun ? describe : describe.skip)('subscription consent (H5 in headless Chromium, 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  const ours = async (key: string) => (await callFunction<Templates>(cloud.url, 'notify', MEMBER, { action: 'templates' })).consents.find((c) => c.key === key)?.count;
  const wechat = (key: string) => cloud.subscribe.view(MEMBER).consents.find((c) => c.templateId === ID(key))?.count ?? 0;

  test('签到提醒 on the calendar: the dialog names the template, 允许 counts one consent on both sides', async () => {
    await signInAs(page, cloud.url, MEMBER);
    await page.goto(`${cloud.url}/#/packages/engage/checkin/index`);
    await settle(page, '/packages/engage/checkin/index');
    const prompt = '.checkin-reminder';
    await visible(page, `${prompt} .subscribe-prompt__button`).waitFor({ timeout: 15_000 });
    expect(await visible(page, `${prompt} .subscribe-prompt__left`).textContent()).toBe('尚未订阅');
    expect(await visible(page, `${prompt} .subscribe-prompt__text`).textContent()).toContain('20:00 提醒我');
    await visible(page, `${prompt} .subscribe-prompt__button`).click();
    await visible(page, '.wx-subscribe-dialog').waitFor({ timeout: 10_000 });
    expect(await visible(page, '.wx-subscribe-dialog__title').textContent()).toBe('发送一次以下消息');
    expect(await visible(page, '.wx-subscribe-dialog__name').allTextContents()).toEqual(['签到提醒']);
    await shot(page, 'subscribe-dialog');
    await visible(page, '.wx-subscribe-dialog__allow').click();
    await eventually(() => visible(page, `${prompt} .subscribe-prompt__left`).textContent(), '已订阅，还可接收 1 条提醒');
    expect(await page.locator('.wx-subscribe-dialog').count()).toBe(0);
    expect(await ours('checkinReminder')).toBe(1);
    expect(wechat('checkinReminder')).toBe(1);
  }, 60_000);

  test('after a check-in: two templates in one dialog, one switched off; 取消 allows nothing', async () => {
    await visible(page, '.checkin-button').click();
    const prompt = '.checkin-subscribe';
    await visible(page, `${prompt} .subscribe-prompt__button`).waitFor({ timeout: 15_000 });
    await shot(page, 'subscribe-after-checkin');
    await visible(page, `${prompt} .subscribe-prompt__button`).click();
    await visible(page, '.wx-subscribe-dialog').waitFor({ timeout: 10_000 });
    expect(await visible(page, '.wx-subscribe-dialog__name').allTextContents()).toEqual(['积分到期提醒', '会员等级变更通知']);
    await visible(page, `.wx-subscribe-dialog__item[data-template-id="${ID('tierChanged')}"]`).click();
    expect(await visible(page, `.wx-subscribe-dialog__item[data-template-id="${ID('tierChanged')}"] .wx-subscribe-dialog__switch--on`).count()).toBe(0);
    await visible(page, '.wx-subscribe-dialog__allow').click();
    await eventually(() => visible(page, `${prompt} .subscribe-prompt__left`).textContent(), '已订阅，还可接收 1 条提醒');
    expect([await ours('pointsExpiring'), await ours('tierChanged')]).toEqual([1, 0]);
    expect([wechat('pointsExpiring'), wechat('tierChanged')]).toEqual([1, 0]);

    await visible(page, `${prompt} .subscribe-prompt__button`).click();
    await visible(page, '.wx-subscribe-dialog__cancel').click();
    await eventually(() => visible(page, `${prompt} .subscribe-prompt__left`).textContent(), '未开启，可随时再次订阅');
    expect([await ours('pointsExpiring'), await ours('tierChanged')]).toEqual([1, 0]);
  }, 60_000);

  test('the tier page offers tier and points-expiry messages', async () => {
    await page.goto(`${cloud.url}/#/packages/loyalty/tiers/index`);
    await settle(page, '/packages/loyalty/tiers/index');
    const prompt = '.tiers-subscribe';
    await visible(page, `${prompt} .subscribe-prompt__button`).waitFor({ timeout: 15_000 });
    expect(await visible(page, `${prompt}`).getAttribute('data-keys')).toBe('tierChanged,pointsExpiring');
    await shot(page, 'subscribe-tiers');
    await visible(page, `${prompt} .subscribe-prompt__button`).click();
    await visible(page, '.wx-subscribe-dialog__allow').click();
    await eventually(() => visible(page, `${prompt} .subscribe-prompt__left`).textContent(), '已订阅，还可接收 3 条提醒');
    expect(await ours('tierChanged')).toBe(1);
  }, 60_000);

  test('the console rules editor shows the template registry: ids per environment, fields with their kinds', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    await page.goto(`${cloud.url}/#/packages/admin/rules/index`);
    await settle(page, '/packages/admin/rules/index');
    await visible(page, '.rules-tab[data-section="notify"]').click();
    const field = (path: string, index = 0) => page.locator(`.rule-field[data-path="${path}"]:visible`).nth(index);
    await field('notify.templates[].title').waitFor({ timeout: 15_000 });
    expect(await field('notify.templates[].title').locator('input').inputValue()).toBe('会员等级变更通知');
    // A template's ids and fields are lists inside it: folded until opened.
    await page.locator('.rule-list[data-path="notify.templates[].ids"]:visible .rule-toggle').first().click();
    await page.locator('.rule-list[data-path="notify.templates[].fields"]:visible .rule-toggle').first().click();
    expect(await field('notify.templates[].ids[].id').locator('input').inputValue()).toBe(ID('tierChanged'));
    expect(await field('notify.templates[].ids[].env').locator('input').inputValue()).toBe('local');
    expect(await field('notify.checkinReminder.time').locator('input').inputValue()).toBe('20:00');
    expect(await field('notify.templates[].fields[].value').locator('input').inputValue()).toBe('{tierName}');
    expect(await field('notify.templates[].fields[].kind').locator('.console-tab--active').textContent()).toBe('事物 thing（20 字内）');
    await shot(page, 'subscribe-console-rules');
    await page.setViewportSize({ width: 375, height: 812 });
  }, 60_000);
});
