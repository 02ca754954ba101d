export interface StaffToday {
  staff: { name: string; role: string; roleName: string; canAdjust: boolean };
  store: { id: string; name: string; format: string; formatName: string } | null;
  day: string;
  counts: { purchase: number; writeOff: number; cancel: number; adjust: number };
  totals: { salesFen: number; pointsIssued: number };
  items: Array<{ id: string; type: 'purchase' | 'writeOff' | 'cancel' | 'adjust'; at: string; memberNo: string; title: string; points: number | null; amountFen: number | null; staffName: string }>;
}

export interface ScannedMember {
  memberNo: string;
  nickname: string;
  tier: { level: number; name: string; benefits: Array<{ key: string; title: string; description: string }> };
  points: { balance: number; spendable: number; pending: number; debt: number; expiring: { amount: number; date: string } | null };
  growth: { total: number };
  codeExpiresAt: string;
}

export interface PurchaseResult { orderId: string; pointsEarned: number; balance: number; replayed: boolean; storeName: string; tier: { change: string; message: string } }

export interface WriteOffResult { id: string; itemName: string; quantity: number; memberNo: string; used: { at: string; storeName: string } | null }

export interface ActivityCheckinResult { memberNo: string; activityId: string; growthEarned: number; message: string }

export interface AdjustResult { memberNo: string; amount: number; balance: number; replayed: boolean }

export interface SettlementRow { issuerFormat: string; issuerName: string; redeemerFormat: string; redeemerName: string; points: number; valueFen: number; crossFormat: boolean }

export interface SettlementReport {
  from: string;
  to: string;
  generatedAt: string;
  fenPerPoint: number;
  rows: SettlementRow[];
  formatNames: Record<string, string>;
  totals: { points: number; valueFen: number; crossFormatPoints: number; crossFormatValueFen: number };
  reconciled: boolean;
}
