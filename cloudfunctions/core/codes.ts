// Codes shown to staff: the member code (会员码), which changes every slot, and the static codes of vouchers and gift
// cards. All are HMAC-SHA256 with a server-side secret, so only the server can make or read them. Pure: the secret and
// the time are passed in.
//
// Member code, 18 digits: the 11-digit member number masked digit by digit (each digit + a key digit, mod 10) with a
// keystream of the slot, followed by a 7-digit MAC of the member number and the slot. The slot is not written in the
// code: the reader tries the current slot and the ones before it. A code is accepted in `validSlots` slots (the one
// it was shown in and the next: 30 to 60 s at the default 30-second slot); within `recogniseSlots` it is reported as
// expired (the member refreshes), beyond that or with a wrong MAC as invalid.
import crypto from 'crypto';
import type { MemberCodeRules } from './config';

export const MEMBER_CODE_LENGTH = 18;
export const VOUCHER_CODE_LENGTH = 12;
export const GIFT_CARD_LENGTH = 16;
const MEMBER_NO = /^\d{11}$/;
const MAC_DIGITS = 7;

const hmac = (secret: string, message: string) => crypto.createHmac('sha256', secret).update(message).digest();

/** `n` decimal digits from an HMAC (uniform enough: 64 bits reduced mod 10^n for n <= 16). */
function digits(secret: string, message: string, n: number): string {
  const mac = hmac(secret, message);
  const value = mac.readBigUInt64BE(0) % 10n ** BigInt(n);
  return value.toString().padStart(n, '0');
}

export const slotOf = (now: Date, rules: Pick<MemberCodeRules, 'slotSeconds'>) => Math.floor(now.getTime() / 1000 / rules.slotSeconds);

function mask(secret: string, slot: number, memberNo: string, sign: 1 | -1): string {
  const key = digits(secret, `member-code-mask|${slot}`, 11);
  let out = '';
  for (let i = 0; i < memberNo.length; i++) out += String((Number(memberNo[i]) + sign * Number(key[i]) + 10) % 10);
  return out;
}

/** The member code of `memberNo` for the slot containing `now`, and until when it is accepted. */
export function memberCodeFor(secret: string, memberNo: string, now: Date, rules: MemberCodeRules) {
  if (!MEMBER_NO.test(memberNo)) throw new RangeError('member number must be 11 digits');
  const slot = slotOf(now, rules);
  const code = mask(secret, slot, memberNo, 1) + digits(secret, `member-code-mac|${memberNo}|${slot}`, MAC_DIGITS);
  const slotMs = rules.slotSeconds * 1000;
  return {
    code,
    slot,
    /** When the member's screen should show the next code. */
    refreshAt: new Date((slot + 1) * slotMs),
    /** After this instant the code is refused. */
    expiresAt: new Date((slot + rules.validSlots) * slotMs),
  };
}

export type MemberCodeReading =
  | { ok: true; memberNo: string; slot: number; expiresAt: Date }
  | { ok: false; reason: 'expired' | 'invalid' | 'malformed' };

const safeEqual = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Reads a member code at `now`: the member number while it is valid; why not otherwise. */
export function readMemberCode(secret: string, code: string, now: Date, rules: MemberCodeRules): MemberCodeReading {
  if (typeof code !== 'string' || !new RegExp(`^\\d{${MEMBER_CODE_LENGTH}}$`).test(code)) return { ok: false, reason: 'malformed' };
  const current = slotOf(now, rules);
  const masked = code.slice(0, 11);
  const mac = code.slice(11);
  for (let age = 0; age < Math.max(rules.validSlots, rules.recogniseSlots); age++) {
    const slot = current - age;
    const memberNo = mask(secret, slot, masked, -1);
    if (!safeEqual(mac, digits(secret, `member-code-mac|${memberNo}|${slot}`, MAC_DIGITS))) continue;
    if (age >= rules.validSlots) return { ok: false, reason: 'expired' };
    return { ok: true, memberNo, slot, expiresAt: new Date((slot + rules.validSlots) * rules.slotSeconds * 1000) };
  }
  return { ok: false, reason: 'invalid' };
}

/** A voucher's 12-digit code: fixed for the redemption, unguessable without the secret. */
export const voucherCodeFor = (secret: string, redemptionId: string) => digits(secret, `voucher|${redemptionId}`, VOUCHER_CODE_LENGTH);

/** A gift card's 16-digit number. */
export const giftCardNoFor = (secret: string, redemptionId: string) => digits(secret, `gift-card|${redemptionId}`, GIFT_CARD_LENGTH);

/** The redemption id of a member's request: a retried request lands on the same document. */
export const redemptionIdFor = (openid: string, requestId: string) =>
  `rd_${crypto.createHash('sha256').update(`${openid}|${requestId}`).digest('hex').slice(0, 32)}`;

/** What kind of code staff scanned or typed: by its length. */
export function codeKind(code: string): 'member' | 'voucher' | 'unknown' {
  const c = code.replace(/\s+/g, '');
  if (/^\d+$/.test(c) && c.length === MEMBER_CODE_LENGTH) return 'member';
  if (/^\d+$/.test(c) && c.length === VOUCHER_CODE_LENGTH) return 'voucher';
  return 'unknown';
}
