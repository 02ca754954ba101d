// The default playbook (seed 003's operating loop): the automation rules a merchant starts with, every one a draft
// (off) until an operator switches it on (automation.setRuleStatus). They are listed beside the saved rules as
// version 0 until first saved or switched on; then the saved document is the rule (docs/loyalty-rules.md 7.8).
import type { AutomationRule } from './automation';

const noBudget = { points: null, vouchers: null };
const draft = { status: 'draft' as const, version: 0, liveSince: null };

export const PLAYBOOK: readonly AutomationRule[] = [
  {
    id: 'pb-new-first-order', ...draft, name: '新会员首单券', description: '注册即发放首单优惠券，30 天内有效',
    trigger: { kind: 'registered' }, conditions: null,
    actions: [
      { kind: 'issueVoucher', title: '首单立减券', description: '新会员首单专享，30 天内有效', faceValueFen: 1000, validDays: 30, formats: [], storeIds: [] },
      { kind: 'sendMessage', title: '首单立减券已到账', body: '30天内下单立减10元' },
    ],
    limits: { perMember: { max: 1, period: 'ever' }, budget: noBudget, quietHours: null },
  },
  {
    id: 'pb-upgrade-nudge', ...draft, name: '活跃会员升级提醒', description: '活跃会员距下一等级不足 10% 时提醒',
    trigger: { kind: 'tierNear', percent: 10 }, conditions: { match: 'all', items: [{ field: 'stage', op: 'eq', value: 'active' }] },
    actions: [{ kind: 'sendMessage', title: '离升级只差一点点', body: '再消费一次即可升级' }],
    limits: { perMember: { max: 1, period: 'month' }, budget: noBudget, quietHours: null },
  },
  {
    id: 'pb-dormant-winback', ...draft, name: '沉睡会员唤回礼', description: '60 天未消费（沉睡）送回归积分',
    trigger: { kind: 'stageChanged', from: null, to: 'dormant' }, conditions: null,
    actions: [
      { kind: 'grantPoints', points: 200, reason: '沉睡唤回礼' },
      { kind: 'sendMessage', title: '200积分回归礼已到账', body: '好久不见，回来逛逛吧' },
    ],
    limits: { perMember: { max: 1, period: 'year' }, budget: { points: 200_000, vouchers: null }, quietHours: null },
  },
  {
    id: 'pb-churned-callback', ...draft, name: '流失会员人工回访', description: '90 天未消费（流失）由门店人工关怀回访',
    trigger: { kind: 'stageChanged', from: null, to: 'churned' }, conditions: null,
    actions: [{ kind: 'createTask', reason: '人工关怀回访', dueDays: 3 }],
    limits: { perMember: { max: 1, period: 'year' }, budget: noBudget, quietHours: null },
  },
  {
    id: 'pb-silent-wakeup', ...draft, name: '沉默会员唤醒礼', description: '30 天未活跃送唤醒积分',
    trigger: { kind: 'inactive', days: 30 }, conditions: null,
    actions: [
      { kind: 'grantPoints', points: 50, reason: '唤醒礼' },
      { kind: 'sendMessage', title: '50积分唤醒礼已到账', body: '签到逛逛还能领更多' },
    ],
    limits: { perMember: { max: 1, period: 'month' }, budget: { points: 100_000, vouchers: null }, quietHours: null },
  },
  {
    id: 'pb-points-expiring', ...draft, name: '积分到期提醒', description: '积分 30 天内到期时提醒兑换',
    trigger: { kind: 'pointsExpiring', days: 30 }, conditions: null,
    actions: [{ kind: 'sendMessage', title: '您有积分即将到期', body: '快去积分商城兑换吧' }],
    limits: { perMember: { max: 1, period: 'month' }, budget: noBudget, quietHours: null },
  },
  {
    id: 'pb-birthday', ...draft, name: '生日月礼遇', description: '生日月发放生日券并祝福',
    trigger: { kind: 'birthdayMonth' }, conditions: null,
    actions: [
      { kind: 'issueVoucher', title: '生日专享券', description: '生日月专享，当月有效', faceValueFen: 2000, validDays: 30, formats: [], storeIds: [] },
      { kind: 'sendMessage', title: '生日快乐', body: '生日专享券已放入券包' },
    ],
    limits: { perMember: { max: 1, period: 'year' }, budget: noBudget, quietHours: null },
  },
  {
    id: 'pb-tier-up', ...draft, name: '升级祝贺', description: '会员等级提升时发送祝贺消息',
    trigger: { kind: 'tierChanged', direction: 'up' }, conditions: null,
    actions: [{ kind: 'sendMessage', title: '恭喜您升级', body: '新等级权益已解锁' }],
    limits: { perMember: { max: 5, period: 'year' }, budget: noBudget, quietHours: null },
  },
];

export const playbookRule = (id: string): AutomationRule | null => PLAYBOOK.find((r) => r.id === id) ?? null;
