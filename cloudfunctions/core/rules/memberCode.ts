// The dynamic member code staff scan [`memberCode`]. See docs/loyalty-rules.md section 7.2.
import * as z from 'zod/mini';
import { int } from './fields';

const message = '会员码刷新间隔须为 10-300 秒，有效时段 1-10 个';

export const memberCodeSchema = z.strictObject({
  /** The code changes every `slotSeconds`. */
  slotSeconds: int(message, 10, 300),
  /** Slots a code is accepted in: 2 = the slot it was shown in and the next one (30 to 60 s). */
  validSlots: int(message, 1, 10),
  /** Older slots still recognised, to tell an expired code (请刷新) from a forged one; at least `validSlots`. */
  recogniseSlots: int(message, 1),
}).check(z.refine((c) => c.recogniseSlots >= c.validSlots, { error: message, path: ['recogniseSlots'] }));

export type MemberCodeRules = z.infer<typeof memberCodeSchema>;

export const DEFAULT_MEMBER_CODE_RULES: MemberCodeRules = { slotSeconds: 30, validSlots: 2, recogniseSlots: 120 };
