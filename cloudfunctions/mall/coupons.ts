// 卡券包: the member's vouchers of a tab, tier benefit vouchers (benefit_vouchers) and the mall's (redemptions with a
// voucher) together, the tier benefits they can claim now, and claiming one (services/benefits.ts, once per period).
import type { Output, ParsedInput } from '../../contract';
import { benefitTerms, dueEntitlements, expiringSoon } from '../core/benefits';
import { AppError } from '../core/errors';
import { KIND_NAMES } from '../core/mall';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { requireMember } from '../runtime/memberRepo';
import { issueBenefits } from '../services/benefits';
import { reviveBenefitVoucher } from '../services/benefitVouchers';
import { placeNames, whereText } from '../services/places';
import { reviveRedemption } from '../services/redemptions';

type Coupon = Output<'mall', 'coupons'>['items'][number];
type Tab = ParsedInput<'mall', 'coupons'>['tab'];

/** The most of each source a tab lists (a member holds a handful; 我的兑换 pages through every redemption). */
const MAX_PER_SOURCE = 50;

function tabWhere(_: Database['command'], tab: Tab, now: Date): object {
  if (tab === 'toUse') return { status: 'issued', 'voucher.expiresAt': _.gt(now) };
  if (tab === 'used') return { status: 'used' };
  return { status: 'issued', 'voucher.expiresAt': _.lte(now) };
}

const statusOf = (status: string, expiresAt: Date, now: Date): Coupon['status'] =>
  status === 'used' ? 'used' : now >= expiresAt ? 'expired' : 'issued';

export async function coupons({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'coupons'>>): Promise<Output<'mall', 'coupons'>> {
  const _ = db.command;
  const where = tabWhere(_, input.tab, now);
  const soonestFirst = input.tab === 'toUse';
  const [benefit, mall, member, config, names] = await Promise.all([
    db.collection('benefit_vouchers').where({ openid, ...where }).orderBy(soonestFirst ? 'voucher.expiresAt' : 'createdAt', soonestFirst ? 'asc' : 'desc').limit(MAX_PER_SOURCE).get(),
    // Mall redemptions with a voucher (pickup, coupon, event kinds); a cancelled one is not in the 卡券包.
    db.collection('redemptions').where({ openid, voucher: _.neq(null), ...where }).orderBy(soonestFirst ? 'voucher.expiresAt' : 'createdAt', soonestFirst ? 'asc' : 'desc').limit(MAX_PER_SOURCE).get(),
    requireMember(db, openid),
    loadConfig(db),
    placeNames(db),
  ]);
  const items: Coupon[] = [
    ...benefit.data.map(reviveBenefitVoucher).map((v): Coupon => ({
      id: v._id, source: 'benefit', title: v.title, kindName: '会员权益', description: v.description, faceValueFen: v.faceValueFen,
      status: statusOf(v.status, v.voucher.expiresAt, now), voucher: { code: v.voucher.code, expiresAt: v.voucher.expiresAt.toISOString() },
      where: whereText(v.voucher, names), expiringSoon: v.status === 'issued' && expiringSoon(v.voucher.expiresAt, now),
      createdAt: v.createdAt.toISOString(), used: v.used ? { at: v.used.at.toISOString(), storeName: v.used.storeName } : null,
    })),
    ...mall.data.map(reviveRedemption).filter((r) => r.voucher && r.status !== 'cancelled').map((r): Coupon => ({
      id: r._id, source: 'mall', title: `${r.itemName}${r.quantity > 1 ? ` ×${r.quantity}` : ''}`, kindName: KIND_NAMES[r.kind] ?? r.kind,
      description: `积分商城兑换 · ${r.points} 积分`, faceValueFen: r.faceValueFen, status: statusOf(r.status, r.voucher!.expiresAt, now),
      voucher: { code: r.voucher!.code, expiresAt: r.voucher!.expiresAt.toISOString() }, where: whereText(r.voucher!, names),
      expiringSoon: r.status === 'issued' && expiringSoon(r.voucher!.expiresAt, now),
      createdAt: r.createdAt.toISOString(), used: r.used ? { at: r.used.at.toISOString(), storeName: r.used.storeName } : null,
    })),
  ];
  items.sort(input.tab === 'toUse'
    ? (a, b) => Date.parse(a.voucher.expiresAt) - Date.parse(b.voucher.expiresAt) || a.id.localeCompare(b.id)
    : (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id));
  const claimable = input.tab !== 'toUse' ? [] : dueEntitlements(member, config.tiers, now, { mode: 'claim' }).filter((d) => d.units > 0).map((d) => ({
    benefitKey: d.benefit.key, title: d.benefit.title, description: d.benefit.description, terms: benefitTerms(d.benefit, names.formats),
    units: d.units, points: d.points?.amount ?? 0,
  }));
  return { items, claimable };
}

/** Claims a claimable benefit due now: its vouchers (and points) once per period. */
export async function claimBenefit({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'claimBenefit'>>): Promise<Output<'mall', 'claimBenefit'>> {
  const config = await loadConfig(db);
  const { prorated = 0, ...out } = await issueBenefits(db, openid, now, config, { mode: 'claim', key: input.benefitKey, by: 'claim' }, codeSecret());
  if (out.issued.length === 0) {
    if (prorated > 0) throw new AppError('NOT_ELIGIBLE', '本期达到该等级较晚，按剩余天数折算可领 0 张，下期起可领');
    const member = await requireMember(db, openid);
    const tier = config.tiers.find((t) => t.level === member.tierLevel);
    const b = tier?.benefits.find((x) => x.key === input.benefitKey && (x.issue ?? 'auto') === 'claim');
    if (!b) throw new AppError('NOT_FOUND', '当前等级没有该可领取权益');
    throw new AppError('NOT_ELIGIBLE', `${b.title} 本期已领取`);
  }
  return out;
}
