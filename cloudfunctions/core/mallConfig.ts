// Rules of the points mall, the member code and settlement between business formats, as configuration sections of
// the loyalty rules (`mall`, `memberCode`, `settlement`), with their defaults. See docs/loyalty-rules.md section 7.

export interface MallRules {
  /** A member may cancel an unused redemption (of a cancellable kind) within this many minutes of redeeming. */
  memberCancelMinutes: number;
}

export interface MemberCodeRules {
  /** The code changes every `slotSeconds`. */
  slotSeconds: number;
  /** Slots a code is accepted in: 2 = the slot it was shown in and the next one (30 to 60 s). */
  validSlots: number;
  /** Older slots still recognised, to tell an expired code (请刷新) from a forged one. */
  recogniseSlots: number;
}

export interface SettlementRules {
  /** Value of one point in fen when formats bill each other (up to two decimals). */
  fenPerPoint: number;
}

export const DEFAULT_MALL_RULES: MallRules = { memberCancelMinutes: 30 };
export const DEFAULT_MEMBER_CODE_RULES: MemberCodeRules = { slotSeconds: 30, validSlots: 2, recogniseSlots: 120 };
export const DEFAULT_SETTLEMENT_RULES: SettlementRules = { fenPerPoint: 1 };
