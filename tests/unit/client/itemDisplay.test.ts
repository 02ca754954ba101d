import { expect, test } from '@jest/globals';
import { shownImage, stockText } from '../../../client/src/packages/mall/item-display';

test('members see no raw stock counts: 仅剩 N 件 when few are left (sold out is the refusal reason)', () => {
  expect(stockText(500)).toBe('');
  expect(stockText(11)).toBe('');
  expect(stockText(10)).toBe('仅剩 10 件');
  expect(stockText(1)).toBe('仅剩 1 件');
  expect(stockText(0)).toBe('');
});

test('only https images are shown; cloud:// files and none keep the kind badge', () => {
  expect(shownImage('https://img.example.com/mug.png')).toBe('https://img.example.com/mug.png');
  expect(shownImage('cloud://env/mug.png')).toBeNull();
  expect(shownImage(null)).toBeNull();
});
