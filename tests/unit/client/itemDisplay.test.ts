import { expect, test } from '@jest/globals';
import { shownImage, stockText } from '../../../client/src/packages/mall/item-display';

test('members see no raw stock counts: 仅剩 N 件 when few are left (sold out is the refusal reason)', () => {
  expect(stockText(500)).toBe('');
  expect(stockText(11)).toBe('');
  expect(stockText(10)).toBe('仅剩 10 件');
  expect(stockText(1)).toBe('仅剩 1 件');
  expect(stockText(0)).toBe('');
});

test('the URL the server resolved is shown (https, or a temporary URL of a cloud file); anything else keeps the kind badge', () => {
  expect(shownImage('https://img.example.com/mug.png')).toBe('https://img.example.com/mug.png');
  const temporary = 'http://127.0.0.1:8787/_storage/mall-items/ab/abcdef.png?t=1800000000&sign=xyz';
  expect(shownImage(temporary)).toBe(temporary);
  expect(shownImage('https://6c6f-local-1250000000.tcb.qcloud.la/mall-items/a.png?sign=s&t=1')).toBe('https://6c6f-local-1250000000.tcb.qcloud.la/mall-items/a.png?sign=s&t=1');
  expect(shownImage('cloud://env.bucket/mug.png')).toBeNull();
  expect(shownImage('javascript:alert(1)')).toBeNull();
  expect(shownImage('')).toBeNull();
  expect(shownImage(null)).toBeNull();
});
