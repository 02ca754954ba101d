// The console's members store: search (auto or by a key) and "加载更多" appends; selecting a member loads its page and
// its points history; freezing keeps one request id until it settles (a retry after an uncertain answer reuses it) and
// updates the row and the page; notes are prepended once; refusals before sending send nothing.
import { describe, expect, test } from '@jest/globals';
import type { Output } from '../../../contract';
import { createMembersStore } from '../../../client/src/packages/admin/members-store';
import { fakeCall, refusal } from './fakes';

type Row = Output<'admin', 'searchMembers'>['items'][number];
type Detail = Output<'admin', 'memberDetail'>;

const row = (memberNo: string, nickname = `会员${memberNo.slice(-2)}`): Row => ({
  memberNo, nickname, phone: '138****8000', tierLevel: 1, tierName: '银牌', points: 12_000, growth: 800, joinedAt: '2026-01-01T00:00:00.000Z', frozen: false,
});

const detail = (memberNo: string, frozen: Detail['frozen'] = null): Detail => ({
  profile: { memberNo, nickname: '张三', avatarUrl: null, phone: '13800138000', phoneMasked: false, phoneBoundAt: null, joinedAt: '2026-01-01T00:00:00.000Z', lastActiveAt: '2026-06-01T00:00:00.000Z' },
  tier: { level: 1, name: '银牌', since: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z', retainGrowthNeeded: 100, next: { level: 2, name: '金牌', threshold: 2000, growthNeeded: 1200 } },
  growth: { total: 800, progress: 0.4, breakdown: { consumption: 600, interaction: 100, social: 50, lifecycle: 50 } },
  lifecycle: { stage: 'active', name: '活跃', since: '2026-05-01T00:00:00.000Z', previousName: '新会员', riskScore: 12 },
  points: { balance: 12_000, spendable: 11_000, pending: 1_000, debt: 0, expiring: null, lots: [] },
  redemptions: [],
  referral: { inviteCode: null, inviter: null, invitees: 0 },
  notes: [],
  frozen,
  can: { freeze: true, note: true, adjustPoints: true },
});

const page = (n: number) => ({ items: [{ id: `e${n}`, type: 'earn', amount: 100, balanceAfter: 100 * n, reason: '消费', issuer: null, createdAt: '2026-06-01T00:00:00.000Z' }], nextCursor: n < 2 ? String(n) : null });

describe('console members store', () => {
  test('search sends the trimmed keyword (auto sends no key), loadMore appends the next page', async () => {
    const fake = fakeCall({
      admin: {
        searchMembers: (input) => (input.cursor
          ? { searchedBy: 'nickname', items: [row('80000000003')], nextCursor: null }
          : { searchedBy: 'nickname', items: [row('80000000001'), row('80000000002')], nextCursor: '80000000002.abc' }),
      },
    });
    const store = createMembersStore(fake.call);
    await store.getState().search('  张 ');
    await store.getState().loadMore();
    expect(fake.inputs('admin.searchMembers')).toEqual([{ keyword: '张' }, { keyword: '张', cursor: '80000000002.abc' }]);
    expect(store.getState().results.data?.items.map((r) => r.memberNo)).toEqual(['80000000001', '80000000002', '80000000003']);
    expect(store.getState().results.data?.nextCursor).toBeNull();
    await store.getState().loadMore(); // nothing more
    expect(fake.count('admin.searchMembers')).toBe(2);
    await store.getState().search('13800138000', 'phone');
    expect(fake.inputs('admin.searchMembers')[2]).toEqual({ keyword: '13800138000', searchBy: 'phone' });
  });

  test('an empty keyword is refused before sending', async () => {
    const fake = fakeCall({});
    const store = createMembersStore(fake.call);
    await store.getState().search('   ');
    expect(store.getState().formError).toEqual({ form: 'search', message: '请输入会员号、手机号或昵称' });
    expect(fake.sent).toEqual([]);
  });

  test('selecting a member loads its page and its points history; the growth tab and more pages', async () => {
    const fake = fakeCall({ admin: { memberDetail: (input) => detail(input.memberNo), memberLedger: (input) => page(input.cursor ? 2 : 1) } });
    const store = createMembersStore(fake.call);
    await store.getState().select('80000000001');
    expect(store.getState().detail.data?.profile.memberNo).toBe('80000000001');
    expect(fake.inputs('admin.memberLedger')).toEqual([{ memberNo: '80000000001', kind: 'points' }]);
    await store.getState().loadMoreLedger();
    expect(store.getState().ledger.data?.items.map((e) => e.id)).toEqual(['e1', 'e2']);
    await store.getState().showLedger('growth');
    expect(fake.inputs('admin.memberLedger')[2]).toEqual({ memberNo: '80000000001', kind: 'growth' });
    expect(store.getState().ledgerKind).toBe('growth');
  });

  test('freezing: a short reason is refused before sending; an uncertain failure keeps the request id; the row and page follow', async () => {
    const fake = fakeCall({
      admin: {
        searchMembers: () => ({ searchedBy: 'memberNo', items: [row('80000000001')], nextCursor: null }),
        memberDetail: (input) => detail(input.memberNo),
        memberLedger: () => page(2),
        freezeMember: (input, n) => {
          if (n === 0) throw refusal('NETWORK', '网络异常');
          return { memberNo: input.memberNo, frozen: { reason: input.reason, at: '2026-06-01T00:00:00.000Z', byName: '运营甲' }, replayed: n > 1 };
        },
      },
    });
    const store = createMembersStore(fake.call);
    await store.getState().search('80000000001');
    await store.getState().select('80000000001');
    expect(await store.getState().setFrozen(true, '刷')).toBe(false);
    expect(store.getState().formError?.form).toBe('freeze');
    expect(fake.count('admin.freezeMember')).toBe(0);

    expect(await store.getState().setFrozen(true, '疑似刷单')).toBe(false);
    expect(store.getState().freeze.error?.message).toBe('网络异常');
    expect(await store.getState().setFrozen(true, '疑似刷单')).toBe(true);
    const [first, second] = fake.inputs('admin.freezeMember');
    expect(second.requestId).toBe(first.requestId);
    expect(second).toMatchObject({ memberNo: '80000000001', frozen: true, reason: '疑似刷单' });
    expect(store.getState().results.data?.items[0].frozen).toBe(true);
    expect(store.getState().detail.data?.frozen).toMatchObject({ reason: '疑似刷单', byName: '运营甲' });
    // A new confirmation gets a new id.
    await store.getState().setFrozen(true, '疑似刷单');
    expect(fake.inputs('admin.freezeMember')[2].requestId).not.toBe(first.requestId);
  });

  test('a note is sent trimmed and shown first; a refusal is kept; an empty note sends nothing', async () => {
    const fake = fakeCall({
      admin: {
        memberDetail: (input) => ({ ...detail(input.memberNo), notes: [{ id: 'n0', text: '旧备注', byName: '店长', roleName: '店长', at: '2026-05-01T00:00:00.000Z' }] }),
        memberLedger: () => page(2),
        addMemberNote: (input, n) => {
          if (n === 1) throw refusal('ALREADY_EXISTS', '该请求号已用于其他备注');
          return { note: { id: 'n1', text: input.text, byName: '运营甲', roleName: '运营', at: '2026-06-01T00:00:00.000Z' }, replayed: false };
        },
      },
    });
    const store = createMembersStore(fake.call);
    await store.getState().select('80000000001');
    expect(await store.getState().addNote('  ')).toBe(false);
    expect(fake.count('admin.addMemberNote')).toBe(0);
    expect(await store.getState().addNote(' 已回访 ')).toBe(true);
    expect(fake.inputs('admin.addMemberNote')[0]).toMatchObject({ memberNo: '80000000001', text: '已回访' });
    expect(store.getState().detail.data?.notes.map((n) => n.id)).toEqual(['n1', 'n0']);
    expect(await store.getState().addNote('第二条')).toBe(false);
    expect(store.getState().note.error?.message).toBe('该请求号已用于其他备注');
  });
});
