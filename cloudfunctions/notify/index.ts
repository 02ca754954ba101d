// WeChat subscription messages (订阅消息): the member reports consent dialogs; the timer sends what features queued
// (services/messages.ts) and queues the daily check-in reminder. Only this function sends (its config.json declares
// subscribeMessage.send in permissions.openapi).
import { notify as contract } from '../../contract/notify';
import { AppError } from '../core/errors';
import { cloudEnv, sendSubscribeMessage } from '../runtime/cloud';
import { loadConfig } from '../runtime/configStore';
import { defineFunction, memberAction, type MemberContext } from '../runtime/handler';
import type { ParsedInput } from '../../contract';
import { findMember } from '../runtime/memberRepo';
import { consentsOf, MESSAGE_RETENTION_DAYS, queueCheckinReminders, recordConsents, removeSettledMessages, sendDueMessages, templatesIn } from '../services/messages';

// Leaves headroom inside the function timeout (config.json: 60 s) to record the run and return.
const REMINDER_BUDGET_MS = 15_000;
const SEND_BUDGET_MS = 30_000;

export const main = defineFunction({
  name: 'notify',
  contract,
  actions: {
    templates: memberAction(async ({ db, openid }) => {
      const config = await loadConfig(db);
      const templates = templatesIn(config, cloudEnv());
      const reminder = config.notify.checkinReminder;
      return { templates, consents: await consentsOf(db, openid, templates), checkinReminderTime: reminder.enabled ? reminder.time : null };
    }),
    subscribe: memberAction(async ({ db, openid, input, now }: MemberContext<ParsedInput<'notify', 'subscribe'>>) => {
      if (!(await findMember(db, { openid }))) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
      const templates = templatesIn(await loadConfig(db), cloudEnv());
      const { replayed } = await recordConsents(db, openid, input.requestId, input.results, templates, now);
      const accepted = input.results.filter((r) => r.result === 'accept' && templates.some((t) => t.templateId === r.templateId)).length;
      return { accepted, consents: await consentsOf(db, openid, templates), replayed };
    }),
  },
  onTimer: async ({ db, now }) => {
    const config = await loadConfig(db);
    // The reminder first: what it queues goes out in the same run.
    const reminders = await queueCheckinReminders(db, now, config, REMINDER_BUDGET_MS).catch((err) => {
      console.error('[messages] check-in reminders failed', err);
      return { queued: 0, scanned: 0, remaining: true };
    });
    const sent = await sendDueMessages(db, now, { env: cloudEnv(), send: sendSubscribeMessage, budgetMs: SEND_BUDGET_MS });
    const removed = await removeSettledMessages(db, new Date(now.getTime() - MESSAGE_RETENTION_DAYS * 86_400_000))
      .catch((err) => { console.error('[messages] cleanup failed', err); return 0; });
    return { reminders, ...sent, removed };
  },
});
