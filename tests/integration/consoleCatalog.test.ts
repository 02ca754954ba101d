// The console's catalog through the local cloud: mall items created, edited, published and redeemed by a member;
// refusals write nothing; a request id saves once; a stale save names the other operator; stock adjustments racing
// redemptions never oversell; stores and activities (used by the till); channels with a secret shown once and a
// rotation whose overlap window lets the previous secret verify until it ends.
import { sign } from '../../cloudfunctions/runtime/signature';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { expectConsistent, item, ledgerOf, member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;
const OP1 = 'cat-op-1';
const OP2 = 'cat-op-2';
const ANALYST = 'cat-analyst';
const ADMIN = 'admin-1';
let seq = 0;
const rid = (p = 'cat') => `${p}-${Date.now().toString(36)}-${++seq}`;

const fields = (extra: object = {}) => ({
  kind: 'coupon', name: '30 元代金券', category: '优惠券', description: '全场通用', pointsPrice: 300, faceValueFen: 3000,
  perOrderLimit: 2, perMemberLimit: 5, minTierLevel: 0, fundedBy: { format: 'mall' }, voucherValidDays: 30, sort: 5, ...extra,
});

const admin = (action: string, input: object, openid = OP1) => t.call('catalog', { action, ...input }, openid);

async function createItem(extra: object = {}, stock = 10, openid = OP1) {
  const r = await admin('saveItem', { requestId: rid('new'), item: fields(extra), stock }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data.item as { itemId: string; version: number; active: boolean; stock: number };
}

async function publish(itemId: string, version: number, openid = OP1) {
  const r = await admin('setItemPublished', { itemId, published: true, expectedVersion: version, requestId: rid('pub') }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data.item as { version: number; active: boolean };
}

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 3 });
  await seedMallFixtures(t, [item('seeded', { sort: 100 })]);
  await t.cloud.db.insertMany('staff', [
    { _id: OP1, openid: OP1, name: '运营小李', role: 'operator', storeId: null, active: true },
    { _id: OP2, openid: OP2, name: '运营小张', role: 'operator', storeId: null, active: true },
    { _id: ANALYST, openid: ANALYST, name: '分析师', role: 'analyst', storeId: null, active: true },
  ]);
  // The seeded channel, as the demo seed writes it (no version).
  await t.cloud.db.insertMany('channels', [{ _id: 'seeded-pos', name: '老 POS', secret: 'seeded-secret-1', active: true }]);
});

afterAll(async () => {
  await t.stop();
});

describe('mall items', () => {
  test('an operator creates an item (unpublished), publishes it; a member sees it in mall.list and redeems it', async () => {
    const memberNo = await member(t, 'cat-member-1', 1000);
    const created = await createItem({ name: '新品代金券' }, 3);
    expect(created).toMatchObject({ active: false, stock: 3, version: 1 });
    const before = await t.call('mall', { action: 'list' }, 'cat-member-1');
    expect(before.body.data.items.map((i: { id: string }) => i.id)).not.toContain(created.itemId);

    const pub = await publish(created.itemId, created.version);
    expect(pub).toMatchObject({ active: true, version: 2 });
    const list = await t.call('mall', { action: 'list' }, 'cat-member-1');
    const seen = list.body.data.items.find((i: { id: string }) => i.id === created.itemId);
    expect(seen).toMatchObject({ name: '新品代金券', pointsPrice: 300, faceValueFen: 3000, canRedeem: true, stock: 3 });

    const redeemed = await t.call('mall', { action: 'redeem', itemId: created.itemId, requestId: rid('redeem') }, 'cat-member-1');
    expect(redeemed.body).toMatchObject({ ok: true, data: { itemId: created.itemId, points: 300 } });
    expect(redeemed.body.data.voucher).not.toBeNull();
    expect(memberNo).toMatch(/^\d+$/);
    const listed = await admin('listItems', { published: true }, ANALYST);
    expect(listed.body.data.items.find((i: { itemId: string }) => i.itemId === created.itemId)).toMatchObject({ stock: 2, sold: 1, saleState: 'onSale' });
  });

  test('an edit changes every field the member sees; unpublishing hides the item', async () => {
    await member(t, 'cat-member-2', 5000);
    const created = await createItem();
    const pub = await publish(created.itemId, created.version);
    const edit = await admin('saveItem', {
      itemId: created.itemId, expectedVersion: pub.version, requestId: rid('edit'),
      item: fields({ kind: 'giftCard', name: '50 元礼品卡', category: '礼品卡', description: '电子卡', pointsPrice: 450, faceValueFen: 5000, image: 'https://img.example.com/card.png', sort: 1 }),
    });
    expect(edit.body.data.item).toMatchObject({ kind: 'giftCard', kindName: '礼品卡', name: '50 元礼品卡', image: 'https://img.example.com/card.png', version: 3, stock: 10 });
    expect(edit.body.data.item.lastWrite.fields).toEqual(expect.arrayContaining(['kind', 'name', 'pointsPrice', 'image']));
    const detail = await t.call('mall', { action: 'detail', itemId: created.itemId }, 'cat-member-2');
    expect(detail.body.data).toMatchObject({ name: '50 元礼品卡', kind: 'giftCard', pointsPrice: 450, faceValueFen: 5000, image: 'https://img.example.com/card.png' });

    const off = await admin('setItemPublished', { itemId: created.itemId, published: false, expectedVersion: 3, requestId: rid('off') });
    expect(off.body.data.item).toMatchObject({ active: false, saleState: 'unpublished' });
    const list = await t.call('mall', { action: 'list' }, 'cat-member-2');
    expect(list.body.data.items.map((i: { id: string }) => i.id)).not.toContain(created.itemId);
    const redeem = await t.call('mall', { action: 'redeem', itemId: created.itemId, requestId: rid('r') }, 'cat-member-2');
    expect(redeem.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '商品已下架' });
  });

  test('the mall keeps an item per warm instance, yet a price edit, unpublishing and a restock count at once', async () => {
    await member(t, 'cat-member-kept', 5000);
    const redeem = (itemId: string) => t.call('mall', { action: 'redeem', itemId, requestId: rid('kept') }, 'cat-member-kept');
    const created = await createItem({ perMemberLimit: 0, perOrderLimit: 0 }, 2);
    let v = (await publish(created.itemId, created.version)).version;
    expect((await redeem(created.itemId)).body.data).toMatchObject({ points: 300 });
    // The next redemption on the same instance pays no read of the item (its copy is kept).
    const warm = await redeem(created.itemId);
    expect(warm.body.data).toMatchObject({ points: 300 });
    expect(warm.dbOps).toBeLessThanOrEqual(10);
    // Sold out now; a restock is redeemable at once (the kept copy's refusal is judged on a fresh read).
    expect((await redeem(created.itemId)).body.error).toEqual({ code: 'SOLD_OUT', message: '已兑完' });
    expect((await admin('adjustStock', { itemId: created.itemId, delta: 2, reason: '补货', requestId: rid('stock') })).body.ok).toBe(true);
    expect((await redeem(created.itemId)).body.ok).toBe(true);
    // A price edit: the next redemption pays the new price (the take is conditional on the version the copy has).
    const edit = await admin('saveItem', { itemId: created.itemId, expectedVersion: v, requestId: rid('edit'), item: fields({ pointsPrice: 450, perMemberLimit: 0, perOrderLimit: 0 }) });
    expect(edit.body.ok).toBe(true);
    v = edit.body.data.item.version;
    const repriced = await redeem(created.itemId);
    expect(repriced.body.data).toMatchObject({ points: 450 });
    expect(ledgerOf(t, 'cat-member-kept').filter((e) => e.type === 'spend').map((e) => e.amount)).toEqual([-300, -300, -300, -450]);
    // Unpublished: refused at once, nothing taken.
    expect((await admin('setItemPublished', { itemId: created.itemId, published: false, expectedVersion: v, requestId: rid('unpub') })).body.ok).toBe(true);
    expect((await redeem(created.itemId)).body.error).toMatchObject({ code: 'NOT_ELIGIBLE', message: '商品已下架' });
    expect(t.cloud.db.find('mall_items', { _id: created.itemId }).docs[0]).toMatchObject({ stock: 0, sold: 4, reserved: 0 });
    expectConsistent(t, 'cat-member-kept');
  });

  test('a save the mall could not serve is refused in Chinese and writes nothing', async () => {
    const created = await createItem();
    const cases: Array<[object, string]> = [
      [{ requestId: rid(), item: fields({ kind: 'giftCard', faceValueFen: undefined }) }, '礼品卡必须设置面值'],
      [{ requestId: rid(), item: fields({ kind: 'pickup' }) }, '只有优惠券、礼品卡和付费会员可以设置面值'],
      [{ requestId: rid(), item: fields({ saleStart: '2027-02-01T00:00:00+08:00', saleEnd: '2027-01-01T00:00:00+08:00' }) }, '结束兑换时间必须晚于开始兑换时间'],
      [{ requestId: rid(), item: fields({ fundedBy: { format: 'mall', storeId: 'st-hotel' } }) }, '出资门店不属于出资业态'],
      [{ requestId: rid(), item: fields({ fundedBy: { format: 'spa' } }) }, '业态 spa 不存在'],
      [{ requestId: rid(), item: fields({ minTierLevel: 9 }) }, '等级 9 不存在，请选择规则中的等级'],
      [{ requestId: rid(), item: fields({ perOrderLimit: 6, perMemberLimit: 5 }) }, '每单限兑不能大于每人限兑'],
      [{ requestId: rid(), item: fields({ name: '' }) }, '商品名称不能为空'],
      [{ requestId: rid(), item: fields({ pointsPrice: -1 }) }, '所需积分不能小于 0'],
      [{ requestId: rid(), item: fields({ image: 'http://insecure.example.com/a.png' }) }, '商品图片格式不正确'],
      [{ itemId: created.itemId, expectedVersion: 1, requestId: rid(), item: fields(), stock: 50 }, '库存请通过“调整库存”修改'],
      [{ itemId: created.itemId, expectedVersion: 1, requestId: rid(), item: fields({ redeemAt: { storeIds: ['nowhere'] } }) }, '核销门店 nowhere 不存在'],
    ];
    const before = dumpDatabase(t);
    for (const [input, message] of cases) {
      const r = await admin('saveItem', input);
      expect([message, r.body.error]).toEqual([message, { code: 'INVALID_INPUT', message }]);
    }
    const denied = await admin('saveItem', { requestId: rid(), item: fields() }, ANALYST);
    expect(denied.body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
    expect(dumpDatabase(t)).toEqual(before);
  });

  test('a double save with one request id saves once (create and edit)', async () => {
    const requestId = rid('twice');
    const [a, b] = await Promise.all([
      admin('saveItem', { requestId, item: fields({ name: '双击券' }), stock: 4 }),
      admin('saveItem', { requestId, item: fields({ name: '双击券' }), stock: 4 }),
    ]);
    expect(a.body.data.item.itemId).toBe(b.body.data.item.itemId);
    expect([a.body.data.replayed, b.body.data.replayed].sort()).toEqual([false, true]);
    expect(t.cloud.db.find('mall_items', { name: '双击券' }).docs).toHaveLength(1);
    const again = await admin('saveItem', { requestId, item: fields({ name: '双击券' }), stock: 4 });
    expect(again.body.data).toMatchObject({ replayed: true, item: { itemId: a.body.data.item.itemId, version: 1 } });

    const editId = rid('edit-twice');
    const edit = { itemId: a.body.data.item.itemId, expectedVersion: 1, requestId: editId, item: fields({ name: '双击券（改）' }) };
    const first = await admin('saveItem', edit);
    const second = await admin('saveItem', edit);
    expect(first.body.data).toMatchObject({ replayed: false, item: { version: 2, name: '双击券（改）' } });
    expect(second.body.data).toMatchObject({ replayed: true, item: { version: 2, name: '双击券（改）' } });
    const audits = t.cloud.db.find('staff_audit', { action: 'saveItem', 'input.requestId': editId }).docs as Array<{ replayed: boolean; changes?: Array<{ before: { name: string }; after: { name: string } }> }>;
    expect(audits.map((e) => e.replayed).sort()).toEqual([false, true]);
    const entry = audits.find((e) => !e.replayed)!;
    expect(entry.changes![0]).toMatchObject({ before: { name: '双击券' }, after: { name: '双击券（改）' } });
  });

  test('two operators edit the same item: the second save is STALE_VERSION naming the first, and writes nothing', async () => {
    const created = await createItem({ name: '争抢券' });
    const first = await admin('saveItem', { itemId: created.itemId, expectedVersion: 1, requestId: rid(), item: fields({ name: '争抢券', pointsPrice: 350 }) }, OP1);
    expect(first.body.ok).toBe(true);
    const before = dumpDatabase(t);
    const second = await admin('saveItem', { itemId: created.itemId, expectedVersion: 1, requestId: rid(), item: fields({ name: '争抢券 B' }) }, OP2);
    expect(second.body.error.code).toBe('STALE_VERSION');
    expect(second.body.error.message).toMatch(/^已被他人修改，请刷新：运营小李 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改了 所需积分$/);
    expect(dumpDatabase(t)).toEqual(before);
    // Concurrent saves from one version: exactly one wins.
    const racing = await Promise.all([OP1, OP2].map((op, i) => admin('saveItem', { itemId: created.itemId, expectedVersion: 2, requestId: rid(), item: fields({ name: `并发 ${i}` }) }, op)));
    expect(racing.map((r) => r.body.ok).sort()).toEqual([false, true]);
  });

  test('a seeded item without a version is edited from version 0', async () => {
    const r = await admin('saveItem', { itemId: 'seeded', expectedVersion: 0, requestId: rid(), item: fields({ name: '种子商品（改）', sort: 100 }) });
    expect(r.body.data.item).toMatchObject({ itemId: 'seeded', version: 1, name: '种子商品（改）', stock: 100, active: true });
    const stale = await admin('saveItem', { itemId: 'seeded', expectedVersion: 0, requestId: rid(), item: fields() }, OP2);
    expect(stale.body.error.code).toBe('STALE_VERSION');
  });

  test('listItems pages by cursor and filters published / unpublished', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await admin('listItems', { pageSize: 2, ...(cursor ? { cursor } : {}) }, ANALYST);
      all.push(...r.body.data.items.map((i: { itemId: string }) => i.itemId));
      cursor = r.body.data.nextCursor;
    } while (cursor);
    const docs = t.cloud.db.find('mall_items', {}, { limit: 1000 }).docs as Array<{ _id: string; active: boolean }>;
    expect(all.sort()).toEqual(docs.map((d) => d._id).sort());
    const off = await admin('listItems', { published: false, pageSize: 50 }, ANALYST);
    expect(off.body.data.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual(docs.filter((d) => !d.active).map((d) => d._id).sort());
  });
});

describe('stock', () => {
  test('adjustments with a reason are atomic, audited, once per request id, never below zero', async () => {
    const created = await createItem({}, 5);
    const requestId = rid('stock');
    const add = await admin('adjustStock', { itemId: created.itemId, delta: 7, reason: '补货到店', requestId });
    expect(add.body.data).toMatchObject({ replayed: false, item: { stock: 12 } });
    expect(add.body.data.item.stockLog[0]).toMatchObject({ delta: 7, reason: '补货到店', byName: '运营小李', stockAfter: 12 });
    const replay = await admin('adjustStock', { itemId: created.itemId, delta: 7, reason: '补货到店', requestId });
    expect(replay.body.data).toMatchObject({ replayed: true, item: { stock: 12 } });
    const before = dumpDatabase(t);
    const under = await admin('adjustStock', { itemId: created.itemId, delta: -13, reason: '盘点报损', requestId: rid() });
    expect(under.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '库存不足：当前库存 12 件，最多减少 12 件' });
    const zero = await admin('adjustStock', { itemId: created.itemId, delta: 0, reason: '无效', requestId: rid() });
    expect(zero.body.error).toEqual({ code: 'INVALID_INPUT', message: '库存变动不能为 0' });
    expect(dumpDatabase(t)).toEqual(before);
    const audit = t.cloud.db.find('staff_audit', { action: 'adjustStock', 'input.requestId': requestId }).docs as Array<{ changes?: unknown[]; replayed: boolean }>;
    expect(audit.find((a) => !a.replayed)?.changes).toEqual([{ collection: 'mall_items', id: created.itemId, before: { stock: 5 }, after: { stock: 12, delta: 7, reason: '补货到店' } }]);
  });

  test('adjustments concurrent with redemptions never oversell', async () => {
    const created = await createItem({ perMemberLimit: 0, perOrderLimit: 0, pointsPrice: 10 }, 6);
    await publish(created.itemId, created.version);
    const members = Array.from({ length: 12 }, (_, i) => `cat-race-${i}`);
    for (const m of members) await member(t, m);
    const deltas = [-3, 2, -4, 1, -2];
    const [redemptions, adjustments] = await Promise.all([
      Promise.all(members.map((m) => t.call('mall', { action: 'redeem', itemId: created.itemId, requestId: rid('race') }, m))),
      Promise.all(deltas.map((delta) => admin('adjustStock', { itemId: created.itemId, delta, reason: '并发调整', requestId: rid('adj') }))),
    ]);
    const redeemed = redemptions.filter((r) => r.body.ok).length;
    for (const r of redemptions.filter((x) => !x.body.ok)) expect(['SOLD_OUT', 'CONFLICT']).toContain(r.body.error.code);
    const applied = adjustments.filter((r) => r.body.ok).map((_, i) => i);
    for (const r of adjustments.filter((x) => !x.body.ok)) expect(['NOT_ELIGIBLE', 'CONFLICT']).toContain(r.body.error.code);
    const appliedSum = adjustments.reduce((s, r, i) => s + (r.body.ok ? deltas[i] : 0), 0);
    const doc = t.cloud.db.find('mall_items', { _id: created.itemId }).docs[0] as { stock: number; sold: number; stockLog: unknown[] };
    expect(doc.stock).toBeGreaterThanOrEqual(0);
    expect(doc.sold).toBe(redeemed);
    expect(doc.stock).toBe(6 + appliedSum - redeemed);
    expect(doc.stockLog).toHaveLength(applied.length);
    expect(t.cloud.db.find('redemptions', { itemId: created.itemId }).total).toBe(redeemed);
  });
});

describe('stores and activities', () => {
  test('a store is created and edited; a format keeps one name', async () => {
    const created = await admin('saveStore', { storeId: 'st-new', requestId: rid(), store: { name: '新开门店', format: 'mall', formatName: '购物中心' } });
    expect(created.body.data.store).toMatchObject({ storeId: 'st-new', name: '新开门店', version: 1 });
    const clash = await admin('saveStore', { storeId: 'st-new2', requestId: rid(), store: { name: '另一家', format: 'mall', formatName: '商场' } });
    expect(clash.body.error).toEqual({ code: 'INVALID_INPUT', message: '业态 mall 已命名为“购物中心”，同一业态的门店须使用同一名称' });
    const dup = await admin('saveStore', { storeId: 'st-new', requestId: rid(), store: { name: '重复', format: 'mall', formatName: '购物中心' } });
    expect(dup.body.error.code).toBe('ALREADY_EXISTS');
    const edit = await admin('saveStore', { storeId: 'st-new', expectedVersion: 1, requestId: rid(), store: { name: '新开门店（旗舰）', format: 'spa', formatName: '水疗' } });
    expect(edit.body.data.store).toMatchObject({ name: '新开门店（旗舰）', format: 'spa', formatName: '水疗', version: 2 });
    const stale = await admin('saveStore', { storeId: 'st-new', expectedVersion: 1, requestId: rid(), store: { name: 'x', format: 'spa', formatName: '水疗' } }, OP2);
    expect(stale.body.error.message).toMatch(/^已被他人修改，请刷新：运营小李 于 .* 修改了 门店名称、业态编码、业态名称$/);
    const seeded = await admin('saveStore', { storeId: 'st-hotel', expectedVersion: 0, requestId: rid(), store: { name: '测试酒店', format: 'hotel', formatName: '酒店' } });
    expect(seeded.body.data.store.version).toBe(1);
    const list = await admin('listStores', {}, ANALYST);
    expect(list.body.data.formats).toEqual(expect.arrayContaining([{ format: 'spa', formatName: '水疗' }, { format: 'mall', formatName: '购物中心' }]));
  });

  test('a store placed on the map in the console is listed in 附近门店 by distance; cleared, it leaves the distance list', async () => {
    // 外滩 (GCJ-02), about 1 km from 人民广场.
    const bund = { latitude: 31.2400, longitude: 121.4900 };
    const details = { name: '外滩快闪店', format: 'mall', formatName: '购物中心', address: '上海市黄浦区中山东一路 1 号', hours: '10:00-21:00', phone: '021-63210000', location: bund };
    const bad = await admin('saveStore', { storeId: 'st-bund', requestId: rid(), store: { ...details, location: { latitude: 91, longitude: 121.49 } } });
    expect(bad.body.error).toEqual({ code: 'INVALID_INPUT', message: '纬度不能大于 90' });
    const created = await admin('saveStore', { storeId: 'st-bund', requestId: rid(), store: details });
    expect(created.body.data.store).toMatchObject({ address: '上海市黄浦区中山东一路 1 号', hours: '10:00-21:00', phone: '021-63210000', location: bund, version: 1 });
    expect(t.cloud.db.find('stores', { _id: 'st-bund' }).docs[0]).toMatchObject({ location: { type: 'Point', coordinates: [121.49, 31.24] } });

    const near = await t.call('member', { action: 'nearbyStores', latitude: 31.2304, longitude: 121.4737 }, 'cat-nearby-member');
    const listed = near.body.data.stores.find((s: { storeId: string }) => s.storeId === 'st-bund');
    expect(listed).toMatchObject({ name: '外滩快闪店', phone: '021-63210000', hours: '10:00-21:00' });
    expect(listed.distanceM).toBeGreaterThan(1500);
    expect(listed.distanceM).toBeLessThan(2200);

    // An edit without the details clears them: no stale phone, and no place on the map.
    const cleared = await admin('saveStore', { storeId: 'st-bund', expectedVersion: 1, requestId: rid(), store: { name: '外滩快闪店', format: 'mall', formatName: '购物中心' } });
    expect(cleared.body.data.store).toMatchObject({ address: null, hours: null, phone: null, location: null, version: 2 });
    const after = await t.call('member', { action: 'nearbyStores', latitude: 31.2304, longitude: 121.4737 }, 'cat-nearby-member');
    expect(after.body.data.stores.map((s: { storeId: string }) => s.storeId)).not.toContain('st-bund');
    const byName = await t.call('member', { action: 'nearbyStores' }, 'cat-nearby-member');
    expect(byName.body.data.stores.find((s: { storeId: string }) => s.storeId === 'st-bund')).toMatchObject({ phone: null, address: null, distanceM: null });
  });

  test('an activity created in the console is recorded at the till; edits are versioned', async () => {
    const memberNo = await member(t, 'cat-activity-member');
    const now = Date.now();
    const activity = { name: '周末瑜伽', storeIds: ['st-mall'], startAt: new Date(now - 3600_000).toISOString(), endAt: new Date(now + 86400_000).toISOString(), growth: 30, active: true };
    const before = dumpDatabase(t);
    const bad = await admin('saveActivity', { activityId: 'YOGA01', requestId: rid(), activity: { ...activity, endAt: activity.startAt } });
    expect(bad.body.error).toEqual({ code: 'INVALID_INPUT', message: '结束时间必须晚于开始时间' });
    const unknownStore = await admin('saveActivity', { activityId: 'YOGA01', requestId: rid(), activity: { ...activity, storeIds: ['nowhere'] } });
    expect(unknownStore.body.error).toEqual({ code: 'INVALID_INPUT', message: '门店 nowhere 不存在' });
    expect(dumpDatabase(t)).toEqual(before);
    const created = await admin('saveActivity', { activityId: 'YOGA01', requestId: rid(), activity });
    expect(created.body.data.activity).toMatchObject({ activityId: 'YOGA01', state: 'running', growth: 30, dailyCap: null, version: 1 });
    const checkin = await t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'YOGA01' }, 'clerk-mall');
    expect(checkin.body.data).toMatchObject({ name: '周末瑜伽', message: '已登记参与活动' });
    const off = await admin('saveActivity', { activityId: 'YOGA01', expectedVersion: 1, requestId: rid(), activity: { ...activity, active: false } });
    expect(off.body.data.activity).toMatchObject({ state: 'inactive', version: 2 });
    const m2 = await member(t, 'cat-activity-member-2');
    const refused = await t.call('staff', { action: 'activityCheckin', memberNo: m2, activityId: 'YOGA01' }, 'clerk-mall');
    expect(refused.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '活动已停用' });
    const list = await admin('listActivities', {}, ANALYST);
    expect(list.body.data.items.map((a: { activityId: string }) => a.activityId)).toContain('YOGA01');
  });
});

describe('channels', () => {
  const order = (memberNo: string, at: Date) => ({ orderId: rid('ch-order'), memberNo, amountFen: 1000, paidAt: at.toISOString(), format: 'mall' });
  const paid = (channel: string, secret: string, payload: object, at: Date) => {
    const env = { channel, timestamp: at.getTime(), nonce: rid('nonce') };
    return t.call('order', { action: 'paid', ...env, signature: sign(secret, 'paid', env, payload), order: payload });
  };

  afterEach(async () => {
    await t.resetClock();
  });

  test('a channel is created with a secret shown once; lists show only its fingerprint; only admins manage channels', async () => {
    const memberNo = await member(t, 'cat-channel-member');
    const denied = await admin('createChannel', { channelId: 'shop', channelName: '网店', requestId: rid() }, OP1);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const requestId = rid('chan');
    const created = await admin('createChannel', { channelId: 'shop', channelName: '网店', requestId }, ADMIN);
    const { secret, channel } = created.body.data;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(channel).toMatchObject({ channelId: 'shop', name: '网店', active: true, version: 1, previousFingerprint: null });
    // A double click answers the same channel and secret; another request for the id is refused.
    const again = await admin('createChannel', { channelId: 'shop', channelName: '网店', requestId }, ADMIN);
    expect(again.body.data).toMatchObject({ secret, replayed: true });
    expect((await admin('createChannel', { channelId: 'shop', channelName: '网店', requestId: rid() }, ADMIN)).body.error.code).toBe('ALREADY_EXISTS');

    const list = await admin('listChannels', {}, ADMIN);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain('seeded-secret-1');
    expect(list.body.data.items.find((c: { channelId: string }) => c.channelId === 'shop').fingerprint).toMatch(/^[0-9a-f]{8}$/);
    const audits = t.cloud.db.find('staff_audit', { action: 'createChannel' }, { limit: 100 }).docs;
    expect(JSON.stringify(audits)).not.toContain(secret);

    const r = await paid('shop', secret, order(memberNo, new Date()), new Date());
    expect(r.body.ok).toBe(true);
  });

  test('rotation: the previous secret verifies inside the overlap window and not after it; the new one always', async () => {
    const memberNo = await member(t, 'cat-rotation-member');
    const start = new Date(Date.now() + 3600_000);
    await t.setClock(start.toISOString());
    const rotated = await admin('rotateChannelSecret', { channelId: 'seeded-pos', expectedVersion: 0, requestId: rid('rot') }, ADMIN);
    expect(rotated.body.ok).toBe(true);
    const { secret, channel } = rotated.body.data;
    expect(secret).not.toBe('seeded-secret-1');
    expect(channel).toMatchObject({ version: 1, previousFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });
    const until = new Date(channel.previousSecretUntil).getTime();
    expect(Math.abs(until - (start.getTime() + 24 * 3600_000))).toBeLessThan(60_000);
    const stale = await admin('rotateChannelSecret', { channelId: 'seeded-pos', expectedVersion: 0, requestId: rid('rot') }, ADMIN);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const inside = new Date(start.getTime() + 23 * 3600_000);
    await t.setClock(inside.toISOString());
    expect((await paid('seeded-pos', 'seeded-secret-1', order(memberNo, inside), inside)).body.ok).toBe(true);
    expect((await paid('seeded-pos', secret, order(memberNo, inside), inside)).body.ok).toBe(true);

    const after = new Date(until + 60_000);
    await t.setClock(after.toISOString());
    const before = dumpDatabase(t);
    const old = await paid('seeded-pos', 'seeded-secret-1', order(memberNo, after), after);
    expect(old.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '签名无效' });
    expect(dumpDatabase(t)).toEqual(before);
    expect((await paid('seeded-pos', secret, order(memberNo, after), after)).body.ok).toBe(true);
    const list = await admin('listChannels', {}, ADMIN);
    expect(list.body.data.items.find((c: { channelId: string }) => c.channelId === 'seeded-pos')).toMatchObject({ previousFingerprint: null, previousSecretUntil: null });
  });

  test('a rotation with no overlap retires the previous secret at once', async () => {
    const memberNo = await member(t, 'cat-rotation-member-2');
    const created = await admin('createChannel', { channelId: 'kiosk', channelName: '自助机', requestId: rid() }, ADMIN);
    const old = created.body.data.secret;
    const rotated = await admin('rotateChannelSecret', { channelId: 'kiosk', expectedVersion: 1, requestId: rid(), overlapHours: 0 }, ADMIN);
    expect(rotated.body.data.channel.previousSecretUntil).toBeNull();
    const now = new Date();
    expect((await paid('kiosk', old, order(memberNo, now), now)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await paid('kiosk', rotated.body.data.secret, order(memberNo, now), now)).body.ok).toBe(true);
  });

  test('a stopped channel is refused whatever it signs with, a reason is required, the stop is audited; resumed, it works again', async () => {
    const memberNo = await member(t, 'cat-stop-member');
    const created = await admin('createChannel', { channelId: 'popup', channelName: '快闪店', requestId: rid() }, ADMIN);
    const { secret } = created.body.data;
    const noReason = await admin('setChannelActive', { channelId: 'popup', active: false, reason: '', expectedVersion: 1, requestId: rid() }, ADMIN);
    expect(noReason.body.error.code).toBe('INVALID_INPUT');
    expect((await admin('setChannelActive', { channelId: 'popup', active: false, reason: '对接结束', expectedVersion: 1, requestId: rid() }, OP1)).body.error.code).toBe('FORBIDDEN');
    const stopId = rid('stop');
    const stopped = await admin('setChannelActive', { channelId: 'popup', active: false, reason: '对接结束', expectedVersion: 1, requestId: stopId }, ADMIN);
    expect(stopped.body.data.channel).toMatchObject({ active: false, version: 2 });
    // A double click saves once.
    expect((await admin('setChannelActive', { channelId: 'popup', active: false, reason: '对接结束', expectedVersion: 1, requestId: stopId }, ADMIN)).body.data.replayed).toBe(true);
    const audit = t.cloud.db.find('staff_audit', { action: 'setChannelActive', 'input.requestId': stopId }).docs as Array<{ fn: string; input: { reason: string }; replayed: boolean }>;
    expect(audit.filter((a) => !a.replayed)).toEqual([expect.objectContaining({ fn: 'catalog', input: expect.objectContaining({ reason: '对接结束' }) })]);
    expect(JSON.stringify(audit)).not.toContain(secret);

    const now = new Date();
    const before = dumpDatabase(t);
    const refused = await paid('popup', secret, order(memberNo, now), now);
    expect(refused.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '未知或已停用的渠道' });
    expect(dumpDatabase(t)).toEqual(before);

    const resumed = await admin('setChannelActive', { channelId: 'popup', active: true, reason: '恢复对接', expectedVersion: 2, requestId: rid() }, ADMIN);
    expect(resumed.body.data.channel).toMatchObject({ active: true, version: 3 });
    expect((await paid('popup', secret, order(memberNo, now), now)).body.ok).toBe(true);
  });
});
