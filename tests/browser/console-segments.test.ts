// 会员分群 and 会员标签 (H5 build, demo seed) at 375 px and 1280 px: an operator builds a rule in the builder (a
// comparison picked from chips, a value typed), previews it (the count of members it matches now, a sample), is told in
// Chinese what is missing in a condition, nests a group, saves; after the segments timer ran the list shows the count.
// Bulk tagging by a list of member numbers answers every number (tagged, not found, malformed).
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, openAs, openScannedMember, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console 会员分群 and 会员标签 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const runTimer = async () => {
    const r = await fetch(`${cloud.url}/_triggers/segments`, { method: 'POST' });
    expect(r.status).toBe(200);
  };

  describe.each([375, 1280])('at %i px', (width) => {
    test('build, preview, correct and save a segment; the list counts its members after the timer', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      const expected = cloud.db.find('members', { tierLevel: { $gte: 1 } }, { limit: 10_000 }).total;
      expect(expected).toBeGreaterThan(0);
      await openAs(page, cloud.url, 'demo-operator', '/packages/admin/segments/index');
      await visible(page, '.segment-new').click();
      await settle(page, '/packages/admin/segment/index');
      await page.locator('.segment-title:visible input').fill(`高等级会员${width}`);
      // The first condition: 会员等级 大于等于 1.
      const first = visible(page, '.segment-cond').first();
      expect(await first.locator('.segment-cond__field').textContent()).toBe('会员等级 ▾');
      await first.locator('.segment-ops [data-op="gte"]').click();
      await first.locator('.segment-value input').fill('1');
      await visible(page, '.segment-preview').click();
      const result = visible(page, '.segment-preview-result');
      await result.waitFor({ timeout: 15_000 });
      expect(await result.locator('.segment-count').textContent()).toBe(`${expected} 人`);
      expect(await result.locator('.segment-rule-text').textContent()).toBe('会员等级 大于等于 1');
      expect(await result.locator('.segment-sample__row').count()).toBe(Math.min(expected, 10));
      await shot(page, `console-segment-preview-${width}`);

      // A second condition on 订单数 without a value: the preview says what is missing.
      await visible(page, '.segment-add-cond').first().click();
      const second = visible(page, '.segment-cond').nth(1);
      await second.locator('.segment-cond__field').click();
      await second.locator('[data-pick-field="orders"]').click();
      expect(await second.locator('.segment-cond__field').textContent()).toBe('订单数 ▾');
      expect(await second.locator('.segment-days__input input').inputValue()).toBe('30');
      await visible(page, '.segment-preview').click();
      await visible(page, '.segment-preview-error').waitFor({ timeout: 10_000 });
      expect(await visible(page, '.segment-preview-error').textContent()).toBe('请填写「订单数」的值');
      // A nested group (任一满足), shown indented.
      await visible(page, '.segment-add-group').first().click();
      await visible(page, '.segment-group[data-depth="2"]').waitFor();
      expect(await visible(page, '.segment-group[data-depth="2"] [data-match="any"]').getAttribute('class')).toContain('console-tab--active');
      await shot(page, `console-segment-builder-${width}`);
      // Both taken away again: the rule is the first condition alone.
      await visible(page, '.segment-group[data-depth="2"] .segment-group__head .segment-cond__remove').click();
      await second.locator('.segment-cond__remove').click();
      expect(await visible(page, '.segment-cond').count()).toBe(1);

      await visible(page, '.segment-save').click();
      await page.waitForURL((u) => u.href.includes('segmentId='), { timeout: 15_000 });
      const versions = visible(page, '.segment-versions');
      await versions.waitFor({ timeout: 15_000 });
      expect(await versions.locator('.segment-version[data-version="1"] .console-card__meta').textContent()).toMatch(/^版本 1（当前） · 0 人 · /);

      await runTimer();
      await page.goto(`${cloud.url}/#/packages/admin/segments/index`);
      await settle(page, '/packages/admin/segments/index');
      const row = visible(page, '.segment-row').filter({ hasText: `高等级会员${width}` });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.locator('.segment-members').textContent()).toBe(`${expected} 人`);
      await shot(page, `console-segments-${width}`);
    }, 120_000);

    test('bulk tagging answers every member number', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      const one = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-1', { action: 'login' })).member.memberNo;
      const two = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-2', { action: 'login' })).member.memberNo;
      await openAs(page, cloud.url, 'demo-operator', '/packages/admin/tags/index');
      await page.locator('.tags-bulk__tag:visible input').fill(`活动${width}`);
      await page.locator('.tags-bulk__numbers:visible textarea').fill(`${one}\n${two}, 123\n79999999999`);
      expect(await visible(page, '.tags-bulk .console-field__help').textContent()).toBe('共 4 个');
      await visible(page, '.tags-bulk__submit').click();
      await visible(page, '.tags-bulk__summary').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.tags-bulk__summary').textContent()).toBe(`「活动${width}」：打上 2 人；无变化 0，不存在 1，格式不正确 1`);
      const statuses = await visible(page, '.tags-bulk__row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
      expect(statuses).toEqual(['tagged', 'tagged', 'invalid', 'notFound']);
      const listed = visible(page, `.tags-row[data-tag="活动${width}"]`);
      await listed.waitFor({ timeout: 15_000 });
      expect(await listed.locator('.console-cell').allTextContents()).toEqual([`活动${width}`, '手工标签', '2']);
      await shot(page, `console-tags-${width}`);
    }, 120_000);

    test('a clerk tags the scanned member at the till and takes the tag off again', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      await signInAs(page, cloud.url, 'demo-clerk');
      await openScannedMember(page, cloud.url, 'demo-member-3');
      const card = visible(page, '.tags-card');
      await card.waitFor({ timeout: 15_000 });
      const tag = `爱喝拿铁${width}`;
      await card.locator('.tags-card__input input').fill(tag);
      await card.locator('.tags-card__add').click();
      const chip = card.locator(`.tags-card__tag[data-tag="${tag}"]`);
      await chip.waitFor({ timeout: 15_000 });
      expect(await chip.textContent()).toBe(`${tag} ×`);
      await shot(page, `staff-member-tags-${width}`);
      const doc = () => (cloud.db.find('members', { openid: 'demo-member-3' }).docs[0] as { tags?: string[] }).tags ?? [];
      expect(doc()).toContain(tag);
      await chip.click();
      await chip.waitFor({ state: 'detached', timeout: 15_000 });
      expect(doc()).not.toContain(tag);
    }, 120_000);
  });
});
