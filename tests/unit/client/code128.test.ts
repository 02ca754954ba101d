// The Code 128 encoder of the member code's barcode (client/src/packages/mall/components/code128.ts) against the
// standard's symbol table and check digit.
import { expect, test } from '@jest/globals';
import { code128Values, code128Widths, PATTERNS } from '../../../client/src/packages/mall/components/code128';

test('every symbol is 11 modules of three bars and three spaces; the stop is 13 with its termination bar', () => {
  expect(PATTERNS).toHaveLength(107);
  for (const p of PATTERNS.slice(0, 106)) {
    expect(p).toMatch(/^[1-4]{6}$/);
    expect([...p].reduce((s, d) => s + Number(d), 0)).toBe(11);
  }
  expect(PATTERNS[106]).toBe('2331112');
  // Known patterns: start A / B / C, code B, and value 0.
  expect([PATTERNS[103], PATTERNS[104], PATTERNS[105], PATTERNS[100], PATTERNS[0]]).toEqual(['211412', '211214', '211232', '114131', '212222']);
  expect(new Set(PATTERNS).size).toBe(107);
});

test('digits pack two per symbol in code set C, with the mod 103 check symbol', () => {
  // (105 + 12·1 + 34·2 + 56·3 + 78·4) mod 103 = 665 mod 103 = 47
  expect(code128Values('12345678')).toEqual([105, 12, 34, 56, 78, 47, 106]);
  // (105 + 0·1 + 1·2) mod 103 = 4
  expect(code128Values('0001')).toEqual([105, 0, 1, 4, 106]);
});

test('an odd last digit goes in code set B', () => {
  // 5 in set B is value 21: (105 + 12·1 + 34·2 + 100·3 + 21·4) mod 103 = 569 mod 103 = 54
  expect(code128Values('12345')).toEqual([105, 12, 34, 100, 21, 54, 106]);
});

test('the widths are the patterns in order: an 18-digit member code is 134 modules', () => {
  const widths = code128Widths('12345678');
  expect(widths.join('')).toBe(['211232', '112232', '131123', '331121', '241112', '133121', '2331112'].join(''));
  const member = code128Widths('123456789012345678');
  expect(member.reduce((s, w) => s + w, 0)).toBe(11 * 11 + 13);
  expect(member.length % 2).toBe(1); // starts and ends with a bar
});

test('anything but digits is refused', () => {
  expect(() => code128Values('12a4')).toThrow();
  expect(() => code128Values('')).toThrow();
});
