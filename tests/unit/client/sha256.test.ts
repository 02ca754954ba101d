// The console's SHA-256 (plain JS, for the mini-program) names a migration job like the command's node:crypto does.
import { expect, test } from '@jest/globals';
import crypto from 'crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../../client/src/packages/admin/sha256';

test('equals node:crypto for any bytes, across block boundaries', () => {
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const b = crypto.randomBytes(n);
    expect(sha256Hex(new Uint8Array(b))).toBe(crypto.createHash('sha256').update(b).digest('hex'));
  }
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => sha256Hex(b) === crypto.createHash('sha256').update(b).digest('hex')));
});
