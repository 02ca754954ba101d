// WeChat subscription messages (订阅消息) [`notify`]: the template registry, quiet hours, retries and the daily
// check-in reminder. See docs/loyalty-rules.md section 7.6 and core/notify.ts.
//
// A template is one WeChat one-time template the merchant chose in the mini-program admin (mp.weixin.qq.com →
// 订阅消息): its id differs per environment (a test AppID and the production one pick their own), its fields
// (`thing1`, `time2`, ...) have WeChat's kinds with their limits, and `value` says what we put in each, with
// `{variable}` placeholders the message fills (core/notify.ts MESSAGE_VARIABLES lists them per message).
import * as z from 'zod/mini';
import { int, text } from './fields';

/** The messages the platform sends; each has one template in the registry. */
export const MESSAGE_KEYS = ['tierChanged', 'pointsExpiring', 'redemptionStatus', 'checkinReminder', 'birthdayGift', 'voucherExpiring', 'automation', 'npsSurvey'] as const;
export type MessageKey = (typeof MESSAGE_KEYS)[number];

/** WeChat's field kinds (the keyword's name without its number: `thing1` is a thing). */
export const FIELD_KINDS = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

const hhmm = (message: string) => z.string(message).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, message));
const templateMessage = '订阅消息模板配置不正确';

const templateSchema = z.strictObject({
  key: z.enum(MESSAGE_KEYS, '消息类型不正确'),
  /** What the operator calls it, e.g. 会员等级变更通知 (the template's title in the WeChat library). */
  title: text('模板名称必须是 1-20 个字符', 1, 20),
  /** The template id per cloud environment (`env` = the environment id, `local` for the local cloud). */
  ids: z.array(z.strictObject({
    env: text('环境 ID 必须是 1-64 个字符', 1, 64),
    id: z.string('模板 ID 必须是 1-64 位字母、数字、-、_').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '模板 ID 必须是 1-64 位字母、数字、-、_')),
  }, templateMessage)),
  /** The mini-program page the message opens (no leading slash), e.g. packages/loyalty/tiers/index. */
  page: z.string('跳转页面必须是小程序页面路径').check(z.regex(/^[A-Za-z0-9_/-]{1,120}(\?[\w=&%.-]{0,200})?$/, '跳转页面必须是小程序页面路径')),
  fields: z.array(z.strictObject({
    /** The keyword as WeChat names it: its kind and a number, e.g. thing1, time2. */
    key: z.string('字段名必须是类型加序号，如 thing1').check(z.regex(/^[a-z_]+\d{1,2}$/, '字段名必须是类型加序号，如 thing1')),
    kind: z.enum(FIELD_KINDS, '字段类型不正确'),
    value: text('字段内容必须是 1-60 个字符', 1, 60),
  }, templateMessage)).check(z.minLength(1, '模板至少需要一个字段'), z.maxLength(10, '模板最多 10 个字段')),
}, templateMessage);

export const notifySchema = z.strictObject({
  /** No message is sent between start and end (Shanghai time; start after end spans midnight); it waits for the end. */
  quietHours: z.strictObject({ enabled: z.boolean(), start: hhmm('免打扰开始时间必须是 HH:mm'), end: hhmm('免打扰结束时间必须是 HH:mm') }),
  /** Attempts of a message on transient errors (busy, network) before it is given up. */
  maxAttempts: int('订阅消息最多尝试次数必须是 1-10 之间的整数', 1, 10),
  /** The daily check-in reminder: at `time`, to members who asked (签到提醒) and have not checked in that day. */
  checkinReminder: z.strictObject({ enabled: z.boolean(), time: hhmm('签到提醒时间必须是 HH:mm') }),
  /** The points-expiring message: when a lot expires within this many days (once per expiry date). */
  pointsExpiringDays: int('积分过期提醒天数必须是 1-90 之间的整数', 1, 90),
  templates: z.array(templateSchema).check(z.refine((list) => new Set(list.map((t) => t.key)).size === list.length, '每种消息只能配置一个模板')),
});

export type NotifyRules = z.infer<typeof notifySchema>;
export type TemplateRule = NotifyRules['templates'][number];

const local = (id: string) => [{ env: 'local', id }];

/**
 * The defaults: templates shaped like the ones in WeChat's public library for these notices, with ids for the local
 * cloud only. On a real environment the merchant adds the ids of the templates they chose (docs/loyalty-rules.md).
 */
export const DEFAULT_NOTIFY: NotifyRules = {
  quietHours: { enabled: true, start: '21:30', end: '08:30' },
  maxAttempts: 4,
  checkinReminder: { enabled: true, time: '20:00' },
  pointsExpiringDays: 30,
  templates: [
    { key: 'tierChanged', title: '会员等级变更通知', ids: local('local-tier-changed'), page: 'packages/loyalty/tiers/index', fields: [
      { key: 'thing1', kind: 'thing', value: '{tierName}' },
      { key: 'phrase2', kind: 'phrase', value: '{change}' },
      { key: 'time3', kind: 'time', value: '{at}' },
      { key: 'thing4', kind: 'thing', value: '点击查看{tierName}专属权益' },
    ] },
    { key: 'pointsExpiring', title: '积分到期提醒', ids: local('local-points-expiring'), page: 'packages/mall/index/index', fields: [
      { key: 'number1', kind: 'number', value: '{points}' },
      { key: 'date2', kind: 'date', value: '{expiresAt}' },
      { key: 'thing3', kind: 'thing', value: '积分即将过期，快去积分商城兑换吧' },
    ] },
    { key: 'redemptionStatus', title: '兑换状态通知', ids: local('local-redemption-status'), page: 'packages/mall/redemptions/index', fields: [
      { key: 'thing1', kind: 'thing', value: '{itemName}' },
      { key: 'phrase2', kind: 'phrase', value: '{status}' },
      { key: 'time3', kind: 'time', value: '{at}' },
      { key: 'thing4', kind: 'thing', value: '{note}' },
    ] },
    { key: 'checkinReminder', title: '签到提醒', ids: local('local-checkin-reminder'), page: 'packages/engage/checkin/index', fields: [
      { key: 'thing1', kind: 'thing', value: '今日还未签到' },
      { key: 'number2', kind: 'number', value: '{streak}' },
      { key: 'thing3', kind: 'thing', value: '签到领{points}积分，别断了连签哦' },
    ] },
    { key: 'birthdayGift', title: '生日礼到账通知', ids: local('local-birthday-gift'), page: 'pages/index/index', fields: [
      { key: 'thing1', kind: 'thing', value: '{giftName}' },
      { key: 'date2', kind: 'date', value: '{validUntil}' },
      { key: 'thing3', kind: 'thing', value: '生日快乐！生日礼已放入券包' },
    ] },
    { key: 'voucherExpiring', title: '优惠券到期提醒', ids: local('local-voucher-expiring'), page: 'pages/index/index', fields: [
      { key: 'thing1', kind: 'thing', value: '{voucherName}' },
      { key: 'date2', kind: 'date', value: '{expiresAt}' },
      { key: 'thing3', kind: 'thing', value: '券即将到期，记得使用' },
    ] },
    { key: 'automation', title: '会员活动通知', ids: local('local-automation'), page: 'pages/index/index', fields: [
      { key: 'thing1', kind: 'thing', value: '{title}' },
      { key: 'thing2', kind: 'thing', value: '{body}' },
      { key: 'time3', kind: 'time', value: '{at}' },
    ] },
    // The NPS survey (推荐意愿) an automation sends after a purchase, at most once a quarter (services/nps.ts).
    { key: 'npsSurvey', title: '服务满意度调查', ids: local('local-nps-survey'), page: 'packages/profile/survey/index', fields: [
      { key: 'thing1', kind: 'thing', value: '邀请你为本次消费体验打分' },
      { key: 'time2', kind: 'time', value: '{at}' },
      { key: 'thing3', kind: 'thing', value: '花1分钟告诉我们你的推荐意愿' },
    ] },
  ],
};
