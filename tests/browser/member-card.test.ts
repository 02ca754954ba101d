// The member card journey in the H5 build (client/dist/h5) served by the local cloud, in headless Chromium.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, PAGE_TRANSITION_MS, useH5Suite } from '../helpers/browser';
import type { Output } from '../../contract';

type MemberHome = Output<'member', 'home'>;

const canRun = browserAvailable();

const digits = (text: string | null) => (text ?? '').replace(/[^\d-]/g, '');

async function textOf(page: Page, selector: string) {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}

/** Counts member.home calls the page makes, to check one call renders the card. */
function countHomeCalls(page: Page) {
  const counter = { home: 0 };
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().endsWith('/functions/member')) {
      if (JSON.parse(req.postData() || '{}').action === 'home') counter.home += 1;
    }
  });
  return counter;
}

async function expectCardMatches(page: Page, home: MemberHome) {
  expect(await textOf(page, '.tier-name')).toBe(home.tier.name);
  expect(digits(await textOf(page, '.points-balance'))).toBe(String(home.points.balance));
  expect(digits(await textOf(page, '.growth-total'))).toBe(String(home.growth.total));
  expect(await textOf(page, '.growth-needed')).toBe(
    home.nextTier ? `再获得 ${home.nextTier.growthNeeded.toLocaleString('en-US')} 成长值升级为 ${home.nextTier.name}` : '已是最高等级',
  );
  expect(await page.locator('.benefit-item').count()).toBe(home.tier.benefits.length);
  expect(await page.locator('.points-expiring').count()).toBe(home.points.expiring ? 1 : 0);
}

(canRun ? describe : describe.skip)('member card (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let homeCalls: { home: number };

  useH5Suite((suite) => {
    ({ cloud, page } = suite);
    homeCalls = countHomeCalls(page);
  });

  test('a visitor without identity lands on the sign-in page', async () => {
    await page.goto(`${cloud.url}/`);
    await page.waitForSelector('.identity-item', { timeout: 15_000 });
    await page.waitForTimeout(PAGE_TRANSITION_MS);
    expect(page.url()).toContain('/pages/login/index');
    expect(await page.locator('.identity-item[data-openid="demo-member-1"]').count()).toBe(1);
  }, 30_000);

  test('demo-member-1 sees the card the member function describes', async () => {
    homeCalls.home = 0;
    await page.click('.identity-item[data-openid="demo-member-1"]');
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await page.waitForTimeout(PAGE_TRANSITION_MS);

    const home = await callFunction<MemberHome>(cloud.url, 'member', 'demo-member-1', { action: 'home' });
    await expectCardMatches(page, home);
    expect(homeCalls.home).toBe(1);
  }, 30_000);

  test('a new openid typed in gets registered and sees the 普通 (entry) tier', async () => {
    await page.click('.switch-identity');
    await page.waitForSelector('.openid-input', { timeout: 15_000 });
    await page.waitForTimeout(PAGE_TRANSITION_MS);

    const openid = `browser-new-${Date.now()}`;
    await page.locator('.openid-input input').fill(openid);
    await page.click('.openid-submit');
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await page.waitForTimeout(PAGE_TRANSITION_MS);

    const home = await callFunction<MemberHome>(cloud.url, 'member', openid, { action: 'home' });
    expect(home.tier.level).toBe(0);
    expect(home.tier.name).toContain('普通');
    await expectCardMatches(page, home);
  }, 30_000);
});
