// Issue 16, bug 4: the member code, the voucher after redeeming and 我的兑换 → 出示二维码 show their QR code centred,
// large enough for a till scanner at arm's length, with a white quiet zone of at least four modules; the member code
// also has a Code 128 barcode of the same digits.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
// The measuring runs in the page (this project's TypeScript has no DOM library).
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface QrFacts { quietModules: number; width: number; offCentre: number }

/**
 * Measures the visible QR image of `selector`: its quiet zone in modules (white pixels before the first dark one on
 * the finder pattern's top row, over the module size: the finder's top row is 7 modules dark), its rendered width,
 * and how far its centre is from the centre of the card it sits in.
 */
async function qrFacts(page: Page, selector: string): Promise<QrFacts> {
  const img = visible(page, `${selector} img`).first();
  await img.waitFor({ timeout: 15_000 });
  return img.evaluate(async (img: any) => {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const dark = (x: number, y: number) => px[(y * c.width + x) * 4] < 128;
    let first = -1;
    for (let i = 0; i < c.width && first < 0; i++) if (dark(i, i)) first = i; // the diagonal meets the finder's corner
    let run = 0;
    while (dark(first + run, first)) run++;
    const module = run / 7;
    const box = img.getBoundingClientRect();
    const card = img.closest('.code-card, .voucher, .redemption').getBoundingClientRect();
    return { quietModules: first / module, width: box.width, offCentre: Math.abs(box.left + box.width / 2 - (card.left + card.width / 2)) };
  });
}

function expectScannable(facts: QrFacts, minWidth: number) {
  expect(facts.quietModules).toBeGreaterThanOrEqual(4);
  expect(facts.width).toBeGreaterThanOrEqual(minWidth);
  expect(facts.offCentre).toBeLessThan(2);
}

(canRun ? describe : describe.skip)('QR codes and the barcode (H5 at 375 px in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  test('member code: centred QR with its quiet zone, and a Code 128 barcode of the same digits', async () => {
    await signInAs(page, cloud.url, 'demo-member-1');
    await visible(page, '.mall-links__item--code').click();
    await settle(page, '/packages/mall/code/index');
    expectScannable(await qrFacts(page, '.member-qr'), 240);
    const digits = ((await visible(page, '.member-code-digits').textContent()) ?? '').replace(/\s+/g, '');
    expect(digits).toMatch(/^\d{18}$/);
    const barcode = visible(page, '.member-barcode');
    expect(await barcode.getAttribute('data-code')).toBe(digits);
    // 18 digits in code set C: start, 9 pairs, check, stop = 11 symbols of 3 bars, the stop has 4.
    expect(await barcode.locator('.barcode__bar').count()).toBe(11 * 3 + 4);
    const box = await barcode.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(300);
    await shot(page, 'bug4-member-code');
  }, 60_000);

  test('voucher after redeeming, and 我的兑换 → 出示二维码', async () => {
    await page.goto(`${cloud.url}/#/packages/mall/detail/index?id=coupon-20`);
    await visible(page, '.redeem-button').click();
    await visible(page, '.confirm-button').click();
    expectScannable(await qrFacts(page, '.voucher-qr'), 220);
    await shot(page, 'bug4-voucher');

    await visible(page, '.secondary-button').click();
    await settle(page, '/packages/mall/redemptions/index');
    await visible(page, '.redemption .mall-link').first().click();
    expectScannable(await qrFacts(page, '.redemption-qr'), 220);
    await shot(page, 'bug4-redemption-qr');
  }, 60_000);
});
