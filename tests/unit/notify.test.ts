// Subscription messages, the pure part: fields fitted to WeChat's kinds (checked against the local cloud's independent
// emulation of WeChat's rules), the send decision, quiet hours and what send errors mean.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { loyaltyConfigSchema } from '../../cloudfunctions/core/rules';
import {
  classifySendError, consentAfter, decideSend, fitField, FIELD_LIMITS, interpolate, MESSAGE_VARIABLES, pointsExpiringMessage, quietUntil, renderData,
  sendBackoffMs, templateIdIn, tierChangedMessage, type FieldKind,
} from '../../cloudfunctions/core/notify';
import { FIELD_KINDS, MESSAGE_KEYS } from '../../cloudfunctions/core/rules/notify';
import { keywordProblem } from '../../localcloud/subscribeMessages';

const rules = DEFAULT_CONFIG.notify;
const at = (iso: string) => new Date(iso);

describe('fields fitted to their kind', () => {
  test('a thing over 20 characters is cut to 19 and an ellipsis, counting a Chinese character as one', () => {
    const long = '限量版保温杯（500毫升，星空蓝配色，附赠杯套）';
    const fitted = fitField('thing', long) as string;
    expect([...fitted]).toHaveLength(20);
    expect(fitted.endsWith('…')).toBe(true);
    expect(keywordProblem('thing1', long)).toBe('invalid');
    expect(keywordProblem('thing1', fitted)).toBeNull();
    expect(fitField('thing', '短')).toBe('短');
  });

  test('every kind fits what WeChat accepts, also from awkward input', () => {
    const inputs = ['', '  ', '会员等级升级通知，恭喜您成为钻石会员并获得礼遇', 'ABC-123 xyz', '12,345 积分', '2027-03-01T20:00:00+08:00', '¥99.50', '\n换行\t文字', '+86 0755-1234 5678'];
    const problems: string[] = [];
    for (const kind of FIELD_KINDS.filter((k) => k !== 'car_number')) {
      for (const input of inputs) {
        const value = fitField(kind as FieldKind, input);
        if (value === null) { if (kind !== 'date' && kind !== 'time') problems.push(`${kind} ${JSON.stringify(input)} -> null`); continue; }
        if ([...value].length > FIELD_LIMITS[kind as FieldKind] || keywordProblem(`${kind}1`, value)) problems.push(`${kind} ${JSON.stringify(input)} -> ${JSON.stringify(value)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('dates and times are Shanghai calendar text', () => {
    expect(fitField('date', '2027-03-01T18:00:00Z')).toBe('2027年3月2日');
    expect(fitField('time', '2027-03-01T12:05:00Z')).toBe('2027年3月1日 20:05');
    expect(fitField('date', '2027-12-31')).toBe('2027年12月31日');
    expect(fitField('phrase', '升级 up')).toBe('升级');
    expect(fitField('number', '1,234')).toBe('1234');
    expect(fitField('amount', '12.5元')).toBe('¥12.5');
    expect(fitField('date', '下周')).toBeNull();
    expect(fitField('time', '20:00')).toBe('20:00');
  });

  test('placeholders are filled from the message variables', () => {
    expect(interpolate('点击查看{tierName}专属权益', { tierName: '金牌' })).toBe('点击查看金牌专属权益');
    expect(interpolate('{missing}x', {})).toBe('x');
  });

  test('every default template renders to data WeChat accepts, from the variables its message lists', () => {
    for (const t of rules.templates) {
      const vars = Object.fromEntries(MESSAGE_VARIABLES[t.key].map((v) => [v, /at|expiresAt|validUntil/.test(v) ? '2027-03-01T20:00:00+08:00' : v === 'points' || v === 'streak' ? 12345 : '一个很长很长的名字用来检验截断是否正确工作']));
      const { data, unfit } = renderData(t, { ...vars, change: '升级', status: '已发货' });
      expect(unfit).toEqual([]);
      for (const f of t.fields) expect([f.key, keywordProblem(f.key, data[f.key].value)]).toEqual([f.key, null]);
    }
  });

  test('the defaults have one template per message, a local id each, and pass the schema', () => {
    expect(rules.templates.map((t) => t.key).sort()).toEqual([...MESSAGE_KEYS].sort());
    expect(rules.templates.every((t) => templateIdIn(t, 'local'))).toBe(true);
    expect(templateIdIn(rules.templates[0], 'prod-env')).toBeNull();
    expect(loyaltyConfigSchema.safeParse(DEFAULT_CONFIG).success).toBe(true);
    const twice = { ...DEFAULT_CONFIG, notify: { ...rules, templates: [...rules.templates, rules.templates[0]] } };
    expect(loyaltyConfigSchema.safeParse(twice).success).toBe(false);
    const badTime = { ...DEFAULT_CONFIG, notify: { ...rules, checkinReminder: { enabled: true, time: '25:00' } } };
    expect(loyaltyConfigSchema.safeParse(badTime).success).toBe(false);
  });
});

describe('quiet hours (Shanghai time, spanning midnight)', () => {
  const quiet = { enabled: true, start: '21:30', end: '08:30' };
  test('inside: until the end, the same night or the next morning', () => {
    expect(quietUntil(at('2027-03-01T23:00:00+08:00'), quiet)?.toISOString()).toBe(at('2027-03-02T08:30:00+08:00').toISOString());
    expect(quietUntil(at('2027-03-02T07:00:00+08:00'), quiet)?.toISOString()).toBe(at('2027-03-02T08:30:00+08:00').toISOString());
    expect(quietUntil(at('2027-03-01T21:30:00+08:00'), quiet)).not.toBeNull();
  });
  test('outside, or switched off: none', () => {
    expect(quietUntil(at('2027-03-01T08:30:00+08:00'), quiet)).toBeNull();
    expect(quietUntil(at('2027-03-01T21:29:00+08:00'), quiet)).toBeNull();
    expect(quietUntil(at('2027-03-01T23:00:00+08:00'), { ...quiet, enabled: false })).toBeNull();
    expect(quietUntil(at('2027-03-01T13:00:00+08:00'), { enabled: true, start: '12:00', end: '14:00' })?.toISOString()).toBe(at('2027-03-01T14:00:00+08:00').toISOString());
  });
});

describe('the send decision', () => {
  const day = at('2027-03-01T10:00:00+08:00');
  const pending = { status: 'pending' as const, attempts: 0, expiresAt: null };
  test('never without consent or a template id, never after expiry, never twice', () => {
    expect(decideSend(pending, 0, true, day, rules)).toEqual({ action: 'skip', reason: 'noConsent' });
    expect(decideSend(pending, 1, false, day, rules)).toEqual({ action: 'skip', reason: 'noTemplate' });
    expect(decideSend({ ...pending, expiresAt: day }, 1, true, day, rules)).toEqual({ action: 'expire' });
    for (const status of ['sending', 'sent', 'skipped', 'failed', 'expired'] as const) expect(decideSend({ ...pending, status }, 1, true, day, rules)).toEqual({ action: 'none' });
    expect(decideSend(pending, 1, true, day, rules)).toEqual({ action: 'send' });
  });
  test('in quiet hours it waits for their end', () => {
    expect(decideSend(pending, 1, true, at('2027-03-01T22:00:00+08:00'), rules)).toEqual({ action: 'wait', until: at('2027-03-02T08:30:00+08:00'), reason: 'quietHours' });
  });
  test('43101 is no consent, refusals are final, the rest is transient', () => {
    expect(classifySendError({ errCode: 43101 })).toEqual({ kind: 'noConsent', errcode: 43101 });
    for (const code of [47003, 40003, 41030, 40037]) expect(classifySendError({ errCode: code }).kind).toBe('refused');
    expect(classifySendError({ errCode: -1 })).toEqual({ kind: 'transient', errcode: -1 });
    expect(classifySendError(new Error('socket hang up'))).toEqual({ kind: 'transient', errcode: null });
    expect([1, 2, 3, 10].map(sendBackoffMs)).toEqual([60_000, 120_000, 240_000, 3_600_000]);
  });
  test('consent: one per accept, nothing for the other answers', () => {
    expect(consentAfter(0, ['accept', 'reject', 'accept'])).toBe(2);
    expect(consentAfter(3, ['ban', 'filter'])).toBe(3);
  });
});

describe('queued messages from the flows', () => {
  const now = at('2027-03-01T10:00:00+08:00');
  test('a tier change is keyed by the revision of the write that made it', () => {
    const doc = tierChangedMessage('m1', 0, 1, 7, now);
    expect(doc).toMatchObject({ _id: 'tierChanged:m1:rev7', key: 'tierChanged', status: 'pending', attempts: 0, availableAt: now, variables: { fromLevel: 0, toLevel: 1 } });
  });
  test('points expiring: only within the window, keyed by the expiry day, not sent after it', () => {
    expect(pointsExpiringMessage('m1', { amount: 120, date: '2027-04-15' }, now, 30)).toBeNull();
    const m = pointsExpiringMessage('m1', { amount: 120, date: '2027-03-20' }, now, 30)!;
    expect(m).toMatchObject({ id: 'pointsExpiring:m1:2027-03-20', variables: { points: 120, expiresAt: '2027-03-20' } });
    expect(m.expiresAt?.toISOString()).toBe(at('2027-03-21T00:00:00+08:00').toISOString());
    expect(pointsExpiringMessage('m1', null, now, 30)).toBeNull();
    expect(pointsExpiringMessage('m1', { amount: 0, date: '2027-03-20' }, now, 30)).toBeNull();
  });
});
