// Demo data with fixed identities that people and tests rely on. Written only into an empty database; members are
// built by replaying orders, check-ins, activities, redemptions and refunds through the real flows in time order
// (see replay.ts).
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import type { CollectionName, Collections } from '../../cloudfunctions/core/documents';
import type { Database } from '../db';
import { DemoMall, MemberReplay } from './replay';
import { demoReferrals, seedReferral, seedStreak } from './engage';
import { demoActivities } from './activities';
import { demoMallItems } from './mall';

export interface DemoIdentity { openid: string; label: string; role: 'member' | 'clerk' | 'manager' | 'operator' | 'analyst' | 'admin' }

const DAY = 86400000;

/** GeoJSON [longitude, latitude], GCJ-02 (what WeChat's getLocation and openLocation use). */
const at = (longitude: number, latitude: number) => ({ type: 'Point' as const, coordinates: [longitude, latitude] as [number, number] });

// Four stores in Shanghai with real coordinates, for 附近门店 (member.nearbyStores): from 人民广场 (121.4737, 31.2304)
// the nearest is 静安 (about 2.6 km), then 陆家嘴 (3.3 km), 徐汇 (5.2 km) and 虹桥 (15.2 km).
export const DEMO_STORES = [
  {
    _id: 'store-mall-01', name: '星河广场旗舰店', format: 'mall', formatName: '购物中心',
    address: '上海市静安区南京西路 1618 号', hours: '10:00-22:00', phone: '021-62880001', location: at(121.4470, 31.2240),
  },
  {
    _id: 'store-hotel-01', name: '星河酒店', format: 'hotel', formatName: '酒店',
    address: '上海市浦东新区世纪大道 100 号', hours: '全天营业', phone: '021-68770002', location: at(121.5075, 31.2352),
  },
  {
    _id: 'store-mall-02', name: '星河广场徐汇店', format: 'mall', formatName: '购物中心',
    address: '上海市徐汇区虹桥路 1 号', hours: '10:00-22:00', location: at(121.4373, 31.1956),
  },
  {
    _id: 'store-hotel-02', name: '星河酒店虹桥店', format: 'hotel', formatName: '酒店',
    address: '上海市闵行区申长路 688 号', hours: '全天营业', phone: '021-52330004', location: at(121.3197, 31.1945),
  },
];

const STAFF = [
  { openid: 'demo-clerk', name: '店员 小李', role: 'clerk' as const, storeId: 'store-mall-01' },
  { openid: 'demo-manager', name: '店长 老张', role: 'manager' as const, storeId: 'store-hotel-01' },
  // The clerk's own manager: approves demo-clerk's purchases above the till limits.
  { openid: 'demo-mall-manager', name: '店长 王芳', role: 'manager' as const, storeId: 'store-mall-01' },
  { openid: 'demo-operator', name: '运营 陈晨', role: 'operator' as const, storeId: null },
  { openid: 'demo-analyst', name: '数据分析 周敏', role: 'analyst' as const, storeId: null },
  { openid: 'demo-admin', name: '运营管理员', role: 'admin' as const, storeId: null },
];

/** A POS channel for trying signed order delivery locally (its secret is for the local demo only). */
export const DEMO_CHANNEL = { _id: 'demo-pos', name: '演示 POS 收银', secret: 'demo-pos-secret', active: true };

const ROLE_LABEL = { clerk: '店员', manager: '店长', operator: '运营', analyst: '数据分析', admin: '管理员' };

interface DemoMember { openid: string; nickname: string; tierHint: string; build: (m: MemberReplay, ago: (days: number) => Date, mall: DemoMall) => void }

const CATEGORIES = ['服饰', '美妆', '家居', '餐饮', '数码', '酒店住宿'];

/** `count` orders of `yuan` each, spread over the last `spanDays` days, cycling through categories and formats. */
function orders(m: MemberReplay, ago: (d: number) => Date, prefix: string, count: number, yuan: number, spanDays: number) {
  for (let i = 0; i < count; i++) {
    const hotel = i % 4 === 3;
    m.order({
      orderId: `${prefix}-${String(i + 1).padStart(3, '0')}`, paidFen: yuan * 100 + (i % 3) * 1990, at: ago(spanDays - Math.floor((spanDays * i) / count)),
      categories: [CATEGORIES[i % CATEGORIES.length]], format: hotel ? 'hotel' : 'mall', storeId: hotel ? 'store-hotel-01' : 'store-mall-01',
    });
  }
}

function activities(m: MemberReplay, ago: (d: number) => Date, days: number) {
  for (let d = days; d >= 1; d--) {
    if (d % 2 === 0) m.checkin(ago(d));
    if (d % 5 === 0) m.activity('shareApp', ago(d), `share:${d}`);
    if (d % 9 === 0) m.activity('contentComment', ago(d), `comment:${d}`);
  }
}

const MEMBERS: DemoMember[] = [
  { openid: 'demo-member-1', nickname: '林晓', tierHint: '钻石', build: (m, ago, mall) => { orders(m, ago, 'D1', 14, 118, 300); activities(m, ago, 60); m.redeem(mall, 'coupon-20', ago(20), 'demo-1-coupon'); } },
  { openid: 'demo-member-2', nickname: '王思远', tierHint: '金牌', build: (m, ago, mall) => { orders(m, ago, 'D2', 9, 98, 240); activities(m, ago, 40); m.redeem(mall, 'tumbler', ago(15), 'demo-2-tumbler').refund('D2-009', 5000, ago(3), 'D2-009-R1'); } },
  { openid: 'demo-member-3', nickname: '陈雨桐', tierHint: '银牌', build: (m, ago) => { orders(m, ago, 'D3', 4, 88, 200); activities(m, ago, 30); } },
  { openid: 'demo-member-4', nickname: '赵一鸣', tierHint: '银牌', build: (m, ago) => { orders(m, ago, 'D4', 5, 110, 150); activities(m, ago, 20); } },
  { openid: 'demo-member-5', nickname: '周小满', tierHint: '普通', build: (m, ago) => { orders(m, ago, 'D5', 1, 66, 10); activities(m, ago, 6); } },
];

export const DEMO_IDENTITIES: DemoIdentity[] = [
  ...MEMBERS.map((m, i) => ({ openid: m.openid, label: `会员 ${i + 1} · ${m.nickname} · ${m.tierHint}`, role: 'member' as const })),
  ...STAFF.map((s) => ({ openid: s.openid, label: `${ROLE_LABEL[s.role]} · ${s.name}`, role: s.role })),
];

export async function seedDemo(db: Database, now: Date, codeSecret: string): Promise<boolean> {
  if (db.find('members', {}, { limit: 1 }).total > 0) return false;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const mall = new DemoMall(demoMallItems(now), codeSecret);
  const built = MEMBERS.map((d) => {
    const replay = new MemberReplay(d.openid, d.nickname, ago(420), DEFAULT_CONFIG);
    seedReferral(d.openid, replay, ago(420));
    d.build(replay, ago, mall);
    seedStreak(d.openid, replay, now);
    return replay.review(now).documents();
  });
  // Typed by collection, so the demo documents have the shape the functions write.
  const insert = <N extends CollectionName>(collection: N, docs: Collections[N][]) => db.insertMany(collection, docs);
  await insert('members', built.map((b) => b.member));
  await insert('point_ledger', built.flatMap((b) => b.ledger));
  await insert('growth_ledger', built.flatMap((b) => b.growth));
  await insert('orders', built.flatMap((b) => b.orders));
  await insert('stores', DEMO_STORES);
  await insert('channels', [DEMO_CHANNEL]);
  await insert('referrals', demoReferrals(ago(420)));
  await insert('staff', STAFF.map((s) => ({ _id: s.openid, ...s, active: true, createdAt: now })));
  await insert('mall_items', [...mall.items.values()]);
  await insert('redemptions', mall.redemptions);
  await insert('activities', demoActivities(now));
  return true;
}
