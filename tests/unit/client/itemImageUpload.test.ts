// 上传图片 in the item editor store (H5 path): the picked file's bytes go to catalog.uploadItemImage as base64 and the
// answer's file id comes back with a local preview URL; a file over 2 MB is refused before anything is sent.
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
  const editor = createItemEditorStore(fake.call);
  const done = await editor.getState().uploadImage({ tempFilePath: 'blob:local/1', size: PNG.length, file: file(PNG) });
  expect(done).toEqual({ fileId: 'cloud://local.bucket/mall-items/ab/x.png', previewUrl: 'blob:local/1' });
  expect(fake.inputs('catalog.uploadItemImage')).toEqual([{ fileName: 'coupon.png', contentBase64: Buffer.from(PNG).toString('base64') }]);
  expect(editor.getState().image).toMatchObject({ busy: false, error: null, result: done });
});

test('over 2 MB is refused before anything is sent', async () => {
  const fake = fakeCall({});
  const editor = createItemEditorStore(fake.call);
  expect(await editor.getState().uploadImage({ tempFilePath: 'blob:big', size: 2 * 1024 * 1024 + 1, file: file(PNG) })).toBeNull();
  expect(editor.getState().image.error).toEqual({ code: 'INVALID_INPUT', message: '图片不能超过 2 MB' });
  expect(fake.inputs('catalog.uploadItemImage')).toEqual([]);
});
