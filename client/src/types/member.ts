export interface Benefit { key: string; title: string; description: string }
export type GrowthDimension = 'consumption' | 'interaction' | 'social' | 'lifecycle';

export interface MemberHome {
  member: { memberNo: string; nickname: string; avatarUrl: string | null; joinedAt: string /* ISO */ };
  tier: { level: number; name: string; benefits: Benefit[] };
  nextTier: { level: number; name: string; threshold: number; growthNeeded: number } | null;
  growth: { total: number; progress: number /* 0..1 toward next tier */; breakdown: Record<GrowthDimension, number> };
  points: {
    balance: number;
    pending: number;
    expiring: { amount: number; date: string /* YYYY-MM-DD, Asia/Shanghai */ } | null;
    /** Points still owed after a refund took back more than was left. */
    debt?: number;
    spendable?: number;
    /** `expiring` falls within the next 30 days. */
    expiringSoon?: boolean;
  };
  tierValidUntil?: string | null; // ISO
  /** 保级: growth still needed in the current window to keep the tier. */
  retain?: { growthNeeded: number } | null;
  /** Set when the caller is active store staff: the card shows the 门店工作台 entry. */
  staff?: { role: 'clerk' | 'manager' | 'admin'; storeId: string | null } | null;
}

export interface LoginResult {
  member: { memberNo: string; nickname: string };
  created: boolean;
}
