// 推荐意愿 (the NPS survey page a subscription message opens) in the H5 build at 375 px: a member with a survey this
// quarter sees the question, 0-10 buttons and an optional comment; 提交 stays disabled until a score is chosen; the
// answer is recorded (the survey document says so) and the page thanks them with it, also after a reload; a member
// without a survey is told there is none.
import fs from 'fs';
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { quarterOf } from '../../cloudfunctions/core/nps';
import { browserAvailable, fillField, openAs, settle, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/shots';
const MEMBER = 'demo-member-2';
const PAGE = '/packages/profile/survey/index';

(canRun ? describe : describe.skip)('满意度调查 (H5 at 375 px in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  const quarter = quarterOf(new Date());

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
    const now = new Date();
    // What services/nps.ts queueNpsSurvey leaves after a purchase (its message is the way in; the page needs the survey).
    await cloud.db.insertMany('nps_responses', [{
      _id: `${MEMBER}:${quarter}`, openid: MEMBER, quarter, status: 'asked', orderId: 'demo-order', source: 'automation:test', messageId: `npsSurvey:${MEMBER}:${quarter}`,
      askedAt: now, expiresAt: new Date(now.getTime() + 30 * 86_400_000), score: null, comment: null, answeredAt: null,
    }]);
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  test('choose a score, add a comment, submit: recorded once, thanked with the answer', async () => {
    await openAs(page, cloud.url, MEMBER, `${PAGE}?survey=${quarter}`);
    await visible(page, '.survey-question').waitFor({ timeout: 20_000 });
    expect(await visible(page, '.survey-question').textContent()).toBe('你有多大可能把我们推荐给朋友或同事？');
    expect(await visible(page, '.survey-tag').textContent()).toBe('推荐意愿');
    expect(await visible(page, '.survey-score').allTextContents()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // The eleven buttons fit the phone's width in one row.
    const boxes = await Promise.all((await visible(page, '.survey-score').all()).map((b) => b.boundingBox()));
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBe(1);
    expect(Math.max(...boxes.map((b) => b!.x + b!.width))).toBeLessThanOrEqual(375);
    // Nothing chosen: 提交 says so and sends nothing.
    expect(await visible(page, '.survey-submit').textContent()).toBe('请选择分数');
    await visible(page, '.survey-submit').click();
    await page.waitForTimeout(300);
    expect(cloud.db.find('nps_responses', { _id: `${MEMBER}:${quarter}` }).docs[0]).toMatchObject({ status: 'asked', score: null });
    await page.screenshot({ path: `${SHOTS}/survey-form.png`, fullPage: true });

    await visible(page, '.survey-score[data-score="6"]').click();
    expect(await visible(page, '.survey-score--on').getAttribute('class')).toContain('survey-score--low');
    await visible(page, '.survey-score[data-score="9"]').click();
    expect(await visible(page, '.survey-score--on').textContent()).toBe('9');
    expect(await visible(page, '.survey-score--on').getAttribute('class')).toContain('survey-score--high');
    await fillField(page, '.survey-comment', '店员很热情，结账很快');
    expect(await visible(page, '.survey-count').textContent()).toBe('10/200');
    expect(await visible(page, '.survey-submit').textContent()).toBe('提交');
    await page.screenshot({ path: `${SHOTS}/survey-chosen.png`, fullPage: true });

    await visible(page, '.survey-submit').click();
    await visible(page, '.survey-state--done').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.survey-state__title').textContent()).toBe('感谢你的反馈！');
    expect(await visible(page, '.survey-done-score').textContent()).toBe('9');
    expect(await visible(page, '.survey-done-comment').textContent()).toBe('“店员很热情，结账很快”');
    expect(cloud.db.find('nps_responses', { _id: `${MEMBER}:${quarter}` }).docs[0]).toMatchObject({ status: 'answered', score: 9, comment: '店员很热情，结账很快' });
    await page.screenshot({ path: `${SHOTS}/survey-done.png`, fullPage: true });

    // Opened again (the message tapped a second time): the answer, no form.
    await page.reload();
    await settle(page, PAGE);
    await visible(page, '.survey-state--done').waitFor({ timeout: 15_000 });
    expect(await page.locator('.survey-score:visible').count()).toBe(0);
  });

  test('a member without a survey this quarter is told there is none', async () => {
    await openAs(page, cloud.url, 'demo-member-3', PAGE);
    await visible(page, '.survey-state--none').waitFor({ timeout: 20_000 });
    expect(await visible(page, '.survey-state__title').textContent()).toBe('暂无待参与的调查');
    await page.screenshot({ path: `${SHOTS}/survey-none.png`, fullPage: true });
  });
});
