// The console's rule builder draft (segment-draft.ts) and the segments store: a draft becomes the contract's rule
// (元 to fen, lists split, chips for enumerations, days kept), a saved rule comes back into the same draft; a draft
// with a gap is refused before sending with the contract's Chinese sentence; bulk tagging splits pasted numbers.
import { describe, expect, test } from '@jest/globals';
import { fromRule, newCondition, newGroup, toRule, updateNode, withField, withOp, type CondDraft } from '../../../client/src/packages/admin/segment-draft';
import { createSegmentsStore, numbersOf } from '../../../client/src/packages/admin/segments-store';
import { fakeCall } from './fakes';

const cond = (patch: Partial<CondDraft> & Pick<CondDraft, 'field'>): CondDraft => ({ ...withField(newCondition(), patch.field), ...patch });

describe('draft to rule and back', () => {
  test('every kind of value', () => {
    const g = newGroup('all', [
      cond({ field: 'tierLevel', op: 'gte', value: '2' }),
      cond({ field: 'spendFen', op: 'between', lo: '50', hi: '399.5', days: '90' }),
      cond({ field: 'stage', op: 'in', values: ['dormant', 'churned'] }),
      cond({ field: 'birthday', op: 'current' }),
      newGroup('any', [cond({ field: 'tags', op: 'any', value: 'vip，咖啡 茶' }), cond({ field: 'experiment', op: 'eq', key: 'exp1', value: 'B' }), cond({ field: 'lastPurchase', op: 'before', value: '60' })]),
    ]);
    const rule = toRule(g);
    expect(rule).toEqual({
      match: 'all', items: [
        { field: 'tierLevel', op: 'gte', value: 2 },
        { field: 'spendFen', op: 'between', value: [5000, 39950], days: 90 },
        { field: 'stage', op: 'in', value: ['dormant', 'churned'] },
        { field: 'birthday', op: 'current' },
        { match: 'any', items: [{ field: 'tags', op: 'any', value: ['vip', '咖啡', '茶'] }, { field: 'experiment', op: 'eq', key: 'exp1', value: 'B' }, { field: 'lastPurchase', op: 'before', value: 60 }] },
      ],
    });
    expect(toRule(fromRule(rule))).toEqual(rule);
    const back = fromRule(rule).items[1] as CondDraft;
    expect([back.lo, back.hi, back.days]).toEqual(['50', '399.5', '90']);
  });

  test('changing the field resets the comparison; a single-value op keeps one chip', () => {
    const c = cond({ field: 'stage', op: 'in', values: ['new', 'active'] });
    expect(withOp(c, 'eq').values).toEqual(['new']);
    const orders = withField(c, 'orders');
    expect([orders.field, orders.op, orders.days, orders.values, orders.id]).toEqual(['orders', 'eq', '30', [], c.id]);
    const other = cond({ field: 'points', op: 'gt', value: '5' });
    const g = newGroup('all', [c, newGroup('any', [other])]);
    expect(updateNode(g, c.id, () => null).items.map((i) => i.kind)).toEqual(['group']);
    expect(toRule(updateNode(g, other.id, (n) => ({ ...(n as CondDraft), value: '9' })))).toEqual({ match: 'all', items: [{ field: 'stage', op: 'in', value: ['new', 'active'] }, { match: 'any', items: [{ field: 'points', op: 'gt', value: 9 }] }] });
  });
});

describe('the store', () => {
  test('a rule with a gap is refused before sending, in Chinese', async () => {
    const { call, sent } = fakeCall({});
    const store = createSegmentsStore(call);
    expect(await store.getState().runPreview(toRule(newGroup('all', [cond({ field: 'orders', op: 'gt', value: '' })])))).toBeNull();
    expect(store.getState().preview.error?.message).toBe('请填写「订单数」的值');
    expect(sent).toEqual([]);
  });

  test('saving sends the rule with one request id per confirmation; bulk tagging splits the pasted numbers', async () => {
    const { call, sent } = fakeCall({
      segments: {
        save: () => ({ segmentId: 'seg-x', version: 1, created: true, newVersion: false }),
        list: () => ({ segments: [] }),
        tagMembers: (input: { memberNos: string[] }) => ({ tag: '活动', results: input.memberNos.map((memberNo) => ({ memberNo, status: 'tagged' })), tagged: input.memberNos.length, untagged: 0, unchanged: 0, notFound: 0, invalid: 0 }),
        tags: () => ({ tags: [] }),
      },
    });
    const store = createSegmentsStore(call);
    const rule = toRule(newGroup('all', [cond({ field: 'tierLevel', op: 'gte', value: '1' })]));
    expect(await store.getState().saveSegment({ title: ' 高等级 ', description: '', tag: '', rule })).toEqual({ segmentId: 'seg-x', version: 1, created: true, newVersion: false });
    const saved = sent.find((s) => s.action === 'save')!.input;
    expect(saved).toMatchObject({ title: '高等级', rule });
    expect(String(saved.requestId)).toMatch(/^r/);
    expect(numbersOf('80000000001\n80000000002, 3；4、 5')).toEqual(['80000000001', '80000000002', '3', '4', '5']);
    await store.getState().tagMembers('活动', '80000000001\n80000000002', false);
    expect(sent.find((s) => s.action === 'tagMembers')!.input).toEqual({ tag: '活动', memberNos: ['80000000001', '80000000002'] });
    expect((await store.getState().tagMembers('活动', '', false))).toBeNull();
    expect(store.getState().bulk.error?.message).toMatch(/^会员号列表/);
  });
});
