// The console's members section on 100,000 seeded members (BENCH_MEMBERS): the database requests of member search
// (by member number, bound phone and nickname prefix) and of the member page, each with its budget, and their time
// through the local cloud. The local cloud's planner serves only equality from an index, so a nickname prefix scans
// there; CloudBase serves the anchored regex from the nickname_memberNo index (cloudfunctions/database/indexes.json).
import { newMember } from '../cloudfunctions/core/member';
import { benchCloud, call, median, row } from './lib';

const ADMIN = { _id: 'bench-admin', openid: 'bench-admin', name: '压测管理员', role: 'admin', storeId: null, active: true };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀', '霞', '平', '刚'];

async function timed(url: string, event: object, runs = 15) {
  const times: number[] = [];
  let dbOps = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await call(url, 'admin', event, ADMIN.openid);
    times.push(performance.now() - started);
    if (!r.body.ok) throw new Error(`admin.${(event as { action: string }).action}: ${JSON.stringify(r.body)}`);
    dbOps = r.dbOps;
  }
  return { dbOps, ms: median(times) };
}

export async function benchConsole(): Promise<void> {
  const total = Number(process.env.BENCH_MEMBERS ?? 100_000);
  console.log(`\nConsole: members (${total.toLocaleString('en-US')} seeded members)`);
  const cloud = await benchCloud('empty');
  try {
    const now = new Date();
    const joined = new Date(now.getTime() - 200 * 86400e3);
    const members = [];
    const phones = [];
    for (let i = 0; i < total; i++) {
      const openid = `bench-${String(i).padStart(6, '0')}`;
      const m = newMember(openid, joined);
      const nickname = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i % 7 === 0 ? GIVEN[i % GIVEN.length] : ''}${Math.floor(i / 400)}`;
      const lot = { lotId: 'registration', amount: 100, remaining: 100, earnedAt: joined, expiresAt: new Date(now.getTime() + 300 * 86400e3), availableAt: joined, format: '', ref: 'registration' };
      const phone = i % 10 === 0 ? `139${String(i).padStart(8, '0')}` : undefined;
      members.push({ ...m, nickname, points: { balance: 100, debt: 0, pending: 0, lots: [lot] }, ...(phone ? { phone, phoneBoundAt: joined } : {}), ...(i > 0 && i % 50 === 0 ? { referredBy: 'bench-000000' } : {}) });
      if (phone) phones.push({ _id: phone, openid, boundAt: joined });
    }
    await cloud.db.insertMany('members', members);
    await cloud.db.insertMany('member_phones', phones);
    await cloud.db.insertMany('staff', [ADMIN]);
    const target = members[12_350 % total]; // has an inviter
    const byPhone = members.find((m) => m.phone && m.openid > 'bench-05')!;

    // Warm the rules and let the seed's journal reach the disk (every answer waits for durability) before timing.
    for (let i = 0; i < 10; i++) await call(cloud.url, 'admin', { action: 'searchMembers', keyword: target.memberNo }, ADMIN.openid);
    const figures: Array<[string, object, number]> = [
      // admin.searchMembers and admin.memberDetail; each figure includes the caller's staff record (the role check).
      ['search by member number', { action: 'searchMembers', keyword: target.memberNo }, 2],
      ['search by phone', { action: 'searchMembers', keyword: byPhone.phone! }, 3],
      ['search by nickname prefix, 20 rows', { action: 'searchMembers', keyword: target.nickname.slice(0, 2) }, 2],
      ['member page (memberDetail)', { action: 'memberDetail', memberNo: target.memberNo }, 6],
    ];
    for (const [label, event, budget] of figures) {
      const { dbOps, ms } = await timed(cloud.url, event);
      row(`${label} db requests`, String(dbOps), `${budget} (+1 rules cold)`, dbOps <= budget);
      row(`${label} time`, `${ms.toFixed(0)} ms`);
    }
  } finally {
    await cloud.cleanup();
  }
}
