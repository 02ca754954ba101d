// Answers as the contract shapes them (the fake call checks them against the output schemas at run time too).
import type { Output } from '../../../contract';

const noChange = { change: 'none', fromLevel: 1, toLevel: 1, message: '' } as const;

export const loginAnswer = (memberNo = '100001'): Output<'member', 'login'> => ({
  member: { memberNo, nickname: '会员', avatarUrl: null, tierLevel: 1, joinedAt: '2026-01-01T00:00:00.000Z' },
  created: false,
});

export const homeAnswer = (nickname = '小明', balance = 500): Output<'member', 'home'> => ({
  member: { memberNo: '100001', nickname, avatarUrl: null, joinedAt: '2026-01-01T00:00:00.000Z' },
  tier: { level: 1, name: '银牌', benefits: [{ key: 'birthday', title: '生日礼', description: '生日当月双倍积分', kind: 'rule', terms: null }] },
  tierValidUntil: null,
  retain: null,
  nextTier: { level: 2, name: '金牌', threshold: 1000, growthNeeded: 400 },
  growth: { total: 600, progress: 0.6, breakdown: { consumption: 500, interaction: 50, social: 30, lifecycle: 20 } },
  points: { balance, debt: 0, spendable: balance, pending: 0, expiring: null, expiringSoon: false },
  staff: null,
  birthday: null,
  birthdayGift: null,
});

export const historyPage = (ids: string[], nextCursor: string | null): Output<'member', 'history'> => ({
  items: ids.map((id, i) => ({ id, type: 'earn', amount: 10 + i, balanceAfter: 100 + i, reason: `订单 ${id}`, createdAt: '2026-06-01T02:00:00.000Z' })),
  nextCursor,
});

export const calendarAnswer = (checkedToday: boolean): Output<'checkin', 'calendar'> => ({
  month: '2026-06', firstMonth: '2026-01', today: '2026-06-10', checkedDays: checkedToday ? ['2026-06-09', '2026-06-10'] : ['2026-06-09'], checkedToday,
  streak: checkedToday ? 2 : 1, bestStreak: 5, total: 12, badges: [], nextMilestone: null, todayPoints: 10,
  makeUp: { enabled: false, costPoints: 20, days: [], leftThisMonth: 0 }, balance: checkedToday ? 510 : 500,
});

export const checkinAnswer = (): Output<'checkin', 'checkin'> => ({
  checkedIn: true, day: '2026-06-10', streak: 2, pointsEarned: 10, basePoints: 10, bonusPoints: 0, doubleDay: false, growthEarned: 1,
  milestones: [], newBadges: [], balance: 510, tier: noChange,
});

export const taskListAnswer = (status: 'claimable' | 'claimed'): Output<'task', 'list'> => ({
  today: '2026-06-10',
  tasks: [{
    id: 'first-order', title: '首次消费', description: '完成一笔订单', period: 'once', periodKey: 'once', target: 1, progress: 1,
    reward: { points: 50, growth: 10 }, audience: 'all', source: 'order', status,
  }],
  claimable: status === 'claimable' ? 1 : 0,
});

export const claimAnswer = (): Output<'task', 'claim'> => ({
  taskId: 'first-order', periodKey: 'once', pointsEarned: 50, growthEarned: 10, balance: 550, tier: noChange, replayed: false,
});

export const redeemAnswer = (requestId: string): Output<'mall', 'redeem'> => ({
  redemptionId: `rd-${requestId}`, itemId: 'coffee', itemName: '咖啡券', kind: 'coupon', quantity: 1, points: 200, balance: 300,
  voucher: { code: '123456789012', expiresAt: '2026-07-01T00:00:00+08:00' }, giftCard: null, replayed: false,
});

export const redemptionView = (id: string, status: 'issued' | 'cancelled'): Output<'mall', 'myRedemptions'>['items'][number] => ({
  id, itemId: 'coffee', itemName: '咖啡券', kind: 'coupon', kindName: '优惠券', quantity: 1, points: 200, status, createdAt: '2026-06-10T02:00:00.000Z',
  voucher: status === 'issued' ? { code: '123456789012', expiresAt: '2026-07-01T00:00:00+08:00' } : null, giftCard: null, membership: null,
  shipping: null, shipment: null, faceValueFen: null, used: null, cancelled: status === 'cancelled' ? { at: '2026-06-10T03:00:00.000Z', pointsReturned: 200 } : null,
});

export const cancelAnswer = (redemptionId: string): Output<'mall', 'cancel'> => ({
  redemptionId, status: 'cancelled', pointsReturned: 200, forfeited: 0, balance: 500, itemName: '咖啡券', memberNo: '100001',
});

export const mallListAnswer = (category: string | undefined): Output<'mall', 'list'> => ({
  member: { tierLevel: 1, spendable: 500 },
  categories: ['饮品', '生活'],
  items: [{
    id: category === '生活' ? 'towel' : 'coffee', name: category === '生活' ? '毛巾' : '咖啡券', kind: 'coupon', kindName: '优惠券',
    category: category ?? '饮品', description: '', image: null, pointsPrice: 200, stock: 10, faceValueFen: null, minTier: null,
    canRedeem: true, reason: null, maxQuantity: 1,
  }],
});

export const todayAnswer = (purchases: number): Output<'staff', 'today'> => ({
  staff: { name: '店员小王', role: 'clerk', roleName: '店员', canAdjust: false },
  store: { id: 'mall-1', name: '万象城店', format: 'mall', formatName: '商场' },
  day: '2026-06-10', since: '2026-06-09T16:00:00.000Z',
  counts: { purchase: purchases, writeOff: 0, cancel: 0, adjust: 0, undo: 0, reverseWriteOff: 0 },
  totals: { salesFen: purchases * 10_000, pointsIssued: purchases * 100 },
  pendingApprovals: 0, currentDay: '2026-06-10', firstDay: '2026-03-11', nextCursor: null,
  items: Array.from({ length: purchases }, (_, i) => ({
    id: `a${i}`, type: 'purchase' as const, at: '2026-06-10T02:00:00.000Z', memberNo: '100001', title: '消费 100.00 元', points: 100, amountFen: 10_000, staffName: '店员小王',
    mine: true, undone: false, receipt: `T-${i}`, voucherCode: null,
  })),
});

export const scannedMember = (memberNo = '100001', spendable = 500): Output<'staff', 'scanMember'> => ({
  memberNo, nickname: '小明',
  tier: { level: 1, name: '银牌', benefits: [] },
  points: { balance: spendable, debt: 0, spendable, pending: 0, expiring: null, expiringSoon: false },
  growth: { total: 600 },
  flags: [],
  birthday: null,
  codeExpiresAt: '2026-06-10T02:00:30.000Z',
  vouchers: [],
});

export const purchaseAnswer = (orderId: string, memberNo = '100001'): Output<'staff', 'recordPurchase'> => {
  const { codeExpiresAt: _shownUntil, vouchers: _held, ...member } = scannedMember(memberNo, 600);
  return {
    status: 'recorded', orderId, memberNo, pointsEarned: 100, multiplier: 1, growthEarned: 100, balance: 600, tier: noChange, replayed: false, storeName: '万象城店',
    member: { ...member, growth: { total: 700 } },
  };
};

export const profileMember = (nickname: string, avatarUrl: string | null = null): Output<'member', 'updateProfile'> => ({
  member: { memberNo: '100001', nickname, avatarUrl, tierLevel: 1, joinedAt: '2026-01-01T00:00:00.000Z' },
  birthday: null,
});
