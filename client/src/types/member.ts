export interface Benefit { key: string; title: string; description: string }
export interface MemberHome {
  member: { memberNo: string; nickname: string; avatarUrl: string | null; joinedAt: string /* ISO */ };
  tier: { level: number; name: string; benefits: Benefit[] };
  nextTier: { level: number; name: string; threshold: number; growthNeeded: number } | null;
  growth: { total: number; progress: number /* 0..1 toward next tier */; breakdown: { consumption: number; interaction: number; social: number; lifecycle: number } };
  points: { balance: number; pending: number; expiring: { amount: number; date: string /* YYYY-MM-DD, Asia/Shanghai */ } | null };
}

export interface LoginResult {
  member: { memberNo: string; nickname: string };
  created: boolean;
}
