// The consent store: the dialog opens synchronously in the tap (WeChat refuses it after an await), only for templates
// this environment has (at most 3), and WeChat's answer is reported once with a request id; nothing loaded, nothing asked.
import { describe, expect, test } from '@jest/globals';
import { createSubscribeStore } from '../../../client/src/store/subscribe';
import type { AskTemplate, ConsentResult } from '../../../client/src/services/subscribe';
import { fakeCall } from './fakes';

const templates = [
  { key: 'tierChanged' as const, templateId: 'tpl-tier', title: '会员等级变更通知' },
  { key: 'pointsExpiring' as const, templateId: 'tpl-points', title: '积分到期提醒' },
  { key: 'checkinReminder' as const, templateId: 'tpl-checkin', title: '签到提醒' },
];
const zero = templates.map((t) => ({ key: t.key, count: 0 }));

describe('subscription consent store', () => {
  test('asks in the same tick for the loaded templates, reports accepts, keeps the new counts', async () => {
    const fake = fakeCall({ notify: {
      templates: () => ({ templates, consents: zero, checkinReminderTime: '20:00' }),
      subscribe: (input) => ({ accepted: input.results.filter((r) => r.result === 'accept').length, replayed: false, consents: zero.map((c) => c.key === 'tierChanged' ? { ...c, count: 1 } : c) }),
    } });
    const asked: AskTemplate[][] = [];
    const consent = (list: AskTemplate[]) => { asked.push(list); return Promise.resolve(Object.fromEntries(list.map((t, i) => [t.templateId, (i === 0 ? 'accept' : 'reject') as ConsentResult]))); };
    const store = createSubscribeStore(fake.call, consent);
    await store.getState().load();
    const running = store.getState().ask(['tierChanged', 'pointsExpiring', 'birthdayGift']);
    // Synchronously: the dialog was asked for before anything was awaited.
    expect(asked).toEqual([[{ key: 'tierChanged', templateId: 'tpl-tier', title: '会员等级变更通知' }, { key: 'pointsExpiring', templateId: 'tpl-points', title: '积分到期提醒' }]]);
    expect(await running).toEqual({ keys: 'tierChanged,pointsExpiring,birthdayGift', asked: 2, accepted: 1 });
    expect(fake.inputs('notify.subscribe')).toEqual([{ requestId: expect.stringMatching(/^sub/), results: [{ templateId: 'tpl-tier', result: 'accept' }, { templateId: 'tpl-points', result: 'reject' }] }]);
    expect(store.getState().view.data?.consents.find((c) => c.key === 'tierChanged')?.count).toBe(1);
  });

  test('before the templates are loaded a tap asks nothing and reports nothing', async () => {
    const fake = fakeCall({ notify: { templates: () => ({ templates, consents: zero, checkinReminderTime: null }) } });
    const asked: AskTemplate[][] = [];
    const store = createSubscribeStore(fake.call, (list) => { asked.push(list); return Promise.resolve({}); });
    expect(await store.getState().ask(['tierChanged'])).toEqual({ keys: 'tierChanged', asked: 0, accepted: 0 });
    expect(asked).toEqual([[]]);
    expect(fake.count('notify.subscribe')).toBe(0);
  });
});
