// The consent dialog of WeChat subscription messages (订阅消息). In the mini-program it is WeChat's own
// (wx.requestSubscribeMessage, which opens only from a tap: call this first thing in the tap handler, with template
// ids loaded before); in the H5 build a look-alike dialog (subscribe-h5.ts) stands in for it and tells the local cloud
// what the member chose, as WeChat's servers learn it, so sends there see the same consents.
import Taro from '@tarojs/taro';

export type ConsentResult = 'accept' | 'reject' | 'ban' | 'filter';

/** At most 3 one-time templates per dialog (WeChat's documented limit for one call; newer clients allow more). */
export const MAX_TEMPLATES_PER_ASK = 3;

export interface AskTemplate { templateId: string; title: string }

/** Shows the dialog for `templates` (the first 3) and answers each template id's outcome; a failure rejects them all. */
export function requestConsent(templates: AskTemplate[]): Promise<Record<string, ConsentResult>> {
  const asked = templates.slice(0, MAX_TEMPLATES_PER_ASK);
  const none = () => Object.fromEntries(asked.map((t) => [t.templateId, 'reject' as ConsentResult]));
  if (asked.length === 0) return Promise.resolve({});
  if (process.env.TARO_ENV === 'h5') {
    // A branch webpack drops from the weapp build: the look-alike dialog is H5 only.
    return import('./subscribe-h5').then((h5) => h5.showConsentDialog(asked));
  }
  return Taro.requestSubscribeMessage({ tmplIds: asked.map((t) => t.templateId) } as never).then(
    (res) => Object.fromEntries(asked.map((t) => [t.templateId, ((res as unknown as Record<string, string>)[t.templateId] ?? 'reject') as ConsentResult])),
    // 20004: the member switched subscription messages off in the settings; any failure: nothing accepted.
    () => none(),
  );
}
