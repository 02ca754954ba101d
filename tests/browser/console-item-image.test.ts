// 上传图片 in the console's item form (H5 build, demo seed, 1280 px): an operator creates an item, uploads a PNG made
// here (Taro.chooseMedia's file input), sees it previewed, saves; the item keeps the cloud:// file id; once published a
// member sees the image in the mall (the <img> loads from its temporary URL) and on the item's page.
import zlib from 'zlib';
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, fillField, openAs, callFunction, settle, shot, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

/** A w×h RGB PNG with a diagonal gradient, or (noisy) random pixels that do not compress. */
function png(w: number, h: number, noisy = false): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) noisy ? rows.push((Math.random() * 256) | 0, (Math.random() * 256) | 0, (Math.random() * 256) | 0) : rows.push((x * 255) / w, (y * 255) / h, 180);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** The natural width of the first loaded <img> under `selector` (0 while none has loaded). */
async function loadedWidth(page: Page, selector: string, timeout = 15_000): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    // A string, so the root project's types (no DOM) need not know the page's.
    const width = (await page.evaluate(`(() => {
      const host = [...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => el.offsetParent !== null);
      const img = host && host.tagName === 'IMG' ? host : host && host.querySelector('img');
      return img && img.complete ? img.naturalWidth : 0;
    })()`)) as number;
    if (width > 0 || Date.now() > deadline) return width;
    await page.waitForTimeout(100);
  }
}

(canRun ? describe : describe.skip)('console item image upload (H5 in headless Chromium, 1280 px)', () => {
  let cloud: LocalCloud;
  let page: Page;
  const image = png(64, 48);
  const name = '带图浏览器测试券';

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    if (cloud.db.find('staff', { _id: 'demo-operator' }).total === 0) {
      await cloud.db.insertMany('staff', [{ _id: 'demo-operator', openid: 'demo-operator', name: '运营 陈晨', role: 'operator', storeId: null, active: true }]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('an operator uploads a PNG in the item form and saves; a member sees the image in the mall', async () => {
    await openAs(page, cloud.url, 'demo-operator', '/packages/admin/item/index');
    await visible(page, '.catalog-input-name').waitFor({ timeout: 15_000 });
    await fillField(page, '.catalog-input-name', name);
    await fillField(page, '.catalog-input-category', '优惠券');
    await fillField(page, '.catalog-input-description', '有图的代金券');
    await fillField(page, '.catalog-input-pointsPrice', '100');
    await fillField(page, '.catalog-input-faceValue', '10');
    await fillField(page, '.catalog-input-stock', '5');
    await fillField(page, '.catalog-input-sort', '0');

    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await visible(page, '.catalog-upload-image').click();
    await (await chooser).setFiles({ name: 'coupon.png', mimeType: 'image/png', buffer: image });
    await visible(page, '.catalog-upload-ok').waitFor({ timeout: 15_000 });
    const fileId = await page.locator('.catalog-input-image:visible input').inputValue();
    expect(fileId).toMatch(/^cloud:\/\/[\w-]+\.[\w-]+\/mall-items\/[0-9a-f]{2}\/[0-9a-f]{32}\.png$/);
    expect(await loadedWidth(page, '.catalog-image-upload__thumb')).toBe(64);
    // The preview of the member's card shows the image just uploaded, not the kind badge.
    expect(await loadedWidth(page, '.catalog-preview__image')).toBe(64);
    await shot(page, 'console-item-image-uploaded-1280');

    await visible(page, '.catalog-save').click();
    await settle(page, '/packages/admin/item/index?itemId=');
    await visible(page, '.catalog-editor__version').waitFor({ timeout: 15_000 });
    const doc = cloud.db.find('mall_items', { name }).docs[0] as { _id: string; image: string; version: number };
    expect(doc.image).toBe(fileId);
    // Opened again (the saved item, its cloud:// image resolved by the catalog function), the preview still shows it.
    await page.reload();
    await settle(page, '/packages/admin/item/index?itemId=');
    expect(await loadedWidth(page, '.catalog-preview__image')).toBe(64);
    expect(await page.locator('.catalog-preview__badge:visible').count()).toBe(0);
    await callFunction(cloud.url, 'catalog', 'demo-operator', { action: 'setItemPublished', itemId: doc._id, published: true, expectedVersion: doc.version, requestId: 'browser-image-publish' });

    await openAs(page, cloud.url, 'demo-member-1', '/packages/mall/index/index');
    const card = `.mall-item[data-id="${doc._id}"]`;
    await visible(page, card).waitFor({ timeout: 15_000 });
    await visible(page, card).scrollIntoViewIfNeeded();
    expect(await loadedWidth(page, `${card} .mall-item__image`)).toBe(64);
    expect(await page.locator(`${card} .mall-item__badge:visible`).count()).toBe(0);
    await shot(page, 'console-item-image-mall-1280');

    await visible(page, card).click();
    await settle(page, '/packages/mall/detail/index');
    expect(await loadedWidth(page, '.detail-image')).toBe(64);
    await shot(page, 'console-item-image-detail-1280');
  }, 120_000);

  test('a photo too large for one call (a 2000 × 1500 PNG of several MB) is redrawn in the browser to 1600 px JPEG and uploaded', async () => {
    const photo = png(2000, 1500, true);
    expect(photo.length).toBeGreaterThan(3 * 1024 * 1024);
    await openAs(page, cloud.url, 'demo-operator', '/packages/admin/item/index');
    await visible(page, '.catalog-input-name').waitFor({ timeout: 15_000 });
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await visible(page, '.catalog-upload-image').click();
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
    await visible(page, '.catalog-upload-ok').waitFor({ timeout: 30_000 });
    const fileId = await page.locator('.catalog-input-image:visible input').inputValue();
    expect(fileId).toMatch(/\.jpg$/);
    const audit = cloud.db.find('staff_audit', { action: 'uploadItemImage', 'input.fileId': fileId }).docs[0] as { input: { bytes: number; fileName: string } } | undefined;
    expect(audit?.input.fileName).toBe('photo.jpg');
    expect(audit!.input.bytes).toBeLessThanOrEqual(700 * 1024);
    expect(await loadedWidth(page, '.catalog-preview__image')).toBe(1600);
  }, 120_000);
});
