// What an item image upload may be (cloudfunctions/catalog/images.ts): PNG, JPEG or WebP by their bytes, at
// most 2 MB, not empty; the Chinese refusal the operator reads.
import { imageProblem, imageTypeOf } from '../../cloudfunctions/catalog/images';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

test('the type comes from the magic bytes', () => {
  expect(imageTypeOf(PNG)).toEqual({ contentType: 'image/png', ext: 'png' });
  expect(imageTypeOf(JPEG)).toEqual({ contentType: 'image/jpeg', ext: 'jpg' });
  expect(imageTypeOf(WEBP)).toEqual({ contentType: 'image/webp', ext: 'webp' });
  expect(imageTypeOf(Buffer.from('GIF89a'))).toBeNull();
  expect(imageTypeOf(Buffer.from('<svg/>'))).toBeNull();
  expect(imageTypeOf(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
  expect(imageTypeOf(PNG.subarray(0, 7))).toBeNull();
});

test('at most 2 MB, not empty, an image', () => {
  const exactly = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)]);
  expect(imageProblem(exactly)).toBeNull();
  expect(imageProblem(Buffer.concat([exactly, Buffer.alloc(1)]))).toBe('图片不能超过 2 MB');
  expect(imageProblem(Buffer.alloc(0))).toBe('图片内容为空');
  expect(imageProblem(Buffer.from('hello'))).toBe('只支持 PNG、JPEG 或 WebP 图片');
});
