// 上传图片 in the item editor store (H5 path): the picked file's bytes (redrawn smaller first when large) go to
// catalog.uploadItemImage as base64 and the answer's file id comes back with a local preview URL; what cannot fit is
// refused before anything is sent.
import { expect, test } from '@jest/globals';
import { base64Of, createItemEditorStore } from '../../../client/src/packages/admin/catalog-items-store';
import { fakeCall } from './fakes';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250]);
const file = (bytes: Uint8Array, name = 'coupon.png') => Object.assign(new Blob([bytes as unknown as BlobPart]), { name });

test('base64Of matches Node for long inputs (chunked)', () => {
  const big = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
  expect(base64Of(big)).toBe(Buffer.from(big).toString('base64'));
  expect(base64Of(PNG)).toBe(Buffer.from(PNG).toString('base64'));
});

test('uploads the bytes and answers the file id with the preview URL', async () => {
  const fake = fakeCall({ catalog: { uploadItemImage: () => ({ fileId: 'cloud://local.bucket/mall-items/ab/x.png', bytes: PNG.length, contentType: 'image/png' }) } });
  const editor = createItemEditorStore(fake.call, undefined, async (b) => b);
  const done = await editor.getState().uploadImage({ tempFilePath: 'blob:local/1', size: PNG.length, file: file(PNG) });
  expect(done).toEqual({ fileId: 'cloud://local.bucket/mall-items/ab/x.png', previewUrl: 'blob:local/1' });
  expect(fake.inputs('catalog.uploadItemImage')).toEqual([{ fileName: 'coupon.png', contentBase64: Buffer.from(PNG).toString('base64') }]);
  expect(editor.getState().image).toMatchObject({ busy: false, error: null, result: done });
});

test('a large image is sent as the smaller one redrawn from it; one that cannot be read or made small enough is refused, nothing sent', async () => {
  const fake = fakeCall({ catalog: { uploadItemImage: () => ({ fileId: 'cloud://local.bucket/mall-items/cd/y.jpg', bytes: 3, contentType: 'image/jpeg' }) } });
  const small = new Uint8Array([0xff, 0xd8, 0xff]);
  const shrunk: Blob[] = [];
  const editor = createItemEditorStore(fake.call, undefined, async (b) => { shrunk.push(b); return new Blob([small as unknown as BlobPart]); });
  const photo = file(new Uint8Array(3 * 1024 * 1024), 'photo.png');
  const uploaded = await editor.getState().uploadImage({ tempFilePath: 'blob:photo', size: photo.size, file: photo });
  // previewed from the redrawn image, not the original
  expect(uploaded).toEqual({ fileId: 'cloud://local.bucket/mall-items/cd/y.jpg', previewUrl: expect.stringMatching(/^blob:/) });
  expect(uploaded?.previewUrl).not.toBe('blob:photo');
  expect(shrunk).toEqual([photo]);
  expect(fake.inputs('catalog.uploadItemImage')).toEqual([{ fileName: 'photo.jpg', contentBase64: Buffer.from(small).toString('base64') }]);

  const unreadable = createItemEditorStore(fake.call, undefined, () => Promise.reject(new Error('decode')));
  expect(await unreadable.getState().uploadImage({ tempFilePath: 'blob:x', size: photo.size, file: photo })).toBeNull();
  expect(unreadable.getState().image.error).toEqual({ code: 'INVALID_INPUT', message: '无法读取这张图片，请选择 PNG、JPEG 或 WebP 图片' });
  const stubborn = createItemEditorStore(fake.call, undefined, async (b) => b);
  expect(await stubborn.getState().uploadImage({ tempFilePath: 'blob:x', size: photo.size, file: photo })).toBeNull();
  expect(stubborn.getState().image.error).toEqual({ code: 'INVALID_INPUT', message: '图片压缩后仍然过大，请换一张较小的图片' });
  const huge = createItemEditorStore(fake.call, undefined, async () => { throw new Error('not called'); });
  expect(await huge.getState().uploadImage({ tempFilePath: 'blob:huge', size: 20 * 1024 * 1024 + 1, file: photo })).toBeNull();
  expect(huge.getState().image.error).toEqual({ code: 'INVALID_INPUT', message: '图片不能超过 20 MB' });
  expect(fake.count('catalog.uploadItemImage')).toBe(1);
});
