// The console's rules: values read and written by path in a draft, typed values per kind, and the store's save
// against the version loaded (a stale refusal is kept, nothing reloads as saved).
import { describe, expect, test } from '@jest/globals';
import { getAt, parseTyped, patternOf, setAt, typedText } from '../../../client/src/packages/admin/rule-values';
import { createRulesStore } from '../../../client/src/packages/admin/rules-store';
import { DEFAULT_CONFIG } from '../../../cloudfunctions/core/config';
import { fakeCall, refusal } from './fakes';

describe('rule values', () => {
  test('get and set by path, without touching the original; undefined removes', () => {
    const draft = { points: { pointsPerYuan: 1, expiry: { mode: 'yearEnd', yearsAfter: 1 } } };
    const next = setAt(draft, 'points.expiry.yearsAfter', 2);
    expect(getAt(next, 'points.expiry.yearsAfter')).toBe(2);
    expect(draft.points.expiry.yearsAfter).toBe(1);
    expect(getAt(setAt(next, 'points.pointsPerYuan', undefined), 'points')).toEqual({ expiry: { mode: 'yearEnd', yearsAfter: 2 } });
  });

  test('typed values per kind; what is not a number stays text for the preview to name', () => {
    expect(parseTyped('int', ' 30 ')).toBe(30);
    expect(parseTyped('int', '3O')).toBe('3O');
    expect(parseTyped('int', '')).toBeUndefined();
    expect(parseTyped('intList', '8, 18，28')).toEqual([8, 18, 28]);
    expect(parseTyped('textList', 'mall, hotel')).toEqual(['mall', 'hotel']);
    expect(typedText('intList', [8, 18])).toBe('8, 18');
    expect(patternOf('tiers[2].benefits[0].title')).toBe('tiers[].benefits[].title');
  });
});

describe('rules store', () => {
  test('saves against the version loaded; a stale save keeps its refusal and the page its draft', async () => {
    const getConfig = { version: 3, overrides: {}, effective: DEFAULT_CONFIG, defaults: DEFAULT_CONFIG, updatedAt: null, updatedBy: null };
    const fake = fakeCall({
      admin: {
        getConfig: () => getConfig,
        ruleForm: () => ({ sections: [], fields: [], lists: [] }),
        configHistory: () => ({ items: [], nextBeforeVersion: null }),
        setConfig: (input, n) => {
          if (n === 1) throw refusal('STALE_VERSION', '配置已被他人修改，请刷新后重试');
          return { version: input.expectedVersion + 1, effective: DEFAULT_CONFIG };
        },
      },
    });
    const store = createRulesStore(fake.call);
    await store.getState().load();
    expect(await store.getState().saveRules({ points: { pointsPerYuan: 2 } }, ' 双十一 ')).toBe(true);
    expect(fake.inputs('admin.setConfig')).toEqual([{ rules: { points: { pointsPerYuan: 2 } }, expectedVersion: 3, note: '双十一' }]);
    expect(fake.count('admin.getConfig')).toBe(2);
    expect(await store.getState().saveRules({ points: { pointsPerYuan: 3 } }, '')).toBe(false);
    expect(store.getState().save.error).toEqual({ code: 'STALE_VERSION', message: '配置已被他人修改，请刷新后重试' });
    expect(fake.count('admin.getConfig')).toBe(2);
  });
});
