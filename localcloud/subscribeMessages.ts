// WeChat's side of subscription messages (订阅消息) as the local cloud emulates it: the consents members gave
// (wx.requestSubscribeMessage, which the H5 build's dialog posts to `/_wx/requestSubscribeMessage`), the merchant's
// templates, `subscribeMessage.send` with WeChat's own checks and error codes, and the inbox of what was delivered.
//
// It is written from WeChat's documentation, not from our code (cloudfunctions/core/notify.ts), so a field our
// registry describes wrongly fails here as it would on WeChat: a template's keywords are typed by their names
// (`thing1` is a thing: at most 20 characters), whatever kind our registry says.
import fs from 'fs';
import path from 'path';
import { DEFAULT_CONFIG } from '../cloudfunctions/core/config';

export interface InboxMessage { at: string; touser: string; templateId: string; title: string; page: string; data: Record<string, { value: string }>; miniprogramState: string }

type Answer = { errcode: number; errmsg: string };

/** The templates the merchant has "chosen" on the local cloud: the default registry's `local` ids and their keywords. */
function localTemplates(): Map<string, { title: string; keywords: string[] }> {
  const out = new Map<string, { title: string; keywords: string[] }>();
  for (const t of DEFAULT_CONFIG.notify.templates) {
    for (const id of t.ids) if (id.env === 'local') out.set(id.id, { title: t.title, keywords: t.fields.map((f) => f.key) });
  }
  return out;
}

/** The mini-program's pages, read from the client's app.config.ts (pages and subpackage roots). */
function appPages(root: string): Set<string> | null {
  const file = path.join(root, 'client', 'src', 'app.config.ts');
  if (!fs.existsSync(file)) return null;
  const src = fs.readFileSync(file, 'utf8');
  const pages = new Set<string>();
  for (const m of src.matchAll(/'(pages\/[\w/-]+)'/g)) pages.add(m[1]);
  for (const m of src.matchAll(/root:\s*'([\w/-]+)',\s*pages:\s*\[([^\]]*)\]/g)) {
    for (const p of m[2].matchAll(/'([\w/-]+)'/g)) pages.add(`${m[1]}/${p[1]}`);
  }
  return pages;
}

const chars = (s: string) => [...s].length;
const DATE = /^\d{4}(年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})/;
const TIME_ONLY = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** WeChat's rule for one keyword's kind (the documented limits of subscribeMessage.send); null when it passes. */
export function keywordProblem(keyword: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return 'is empty';
  const kind = keyword.replace(/\d+$/, '');
  const ok = (() => {
    switch (kind) {
      case 'thing': return chars(value) <= 20;
      case 'number': return value.length <= 32 && /^\d+(\.\d+)?$/.test(value);
      case 'letter': return value.length <= 32 && /^[A-Za-z]+$/.test(value);
      case 'symbol': return chars(value) <= 5 && !/[A-Za-z0-9\p{Script=Han}]/u.test(value);
      case 'character_string': return value.length <= 32 && /^[\x21-\x7e]+$/.test(value);
      case 'time': return value.split('~').every((v) => TIME_ONLY.test(v.trim()) || (DATE.test(v.trim()) && /\d{1,2}:\d{2}/.test(v)) || DATE.test(v.trim()));
      case 'date': return value.split('~').every((v) => DATE.test(v.trim()));
      case 'amount': return /^[¥$￥]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
      case 'phone_number': return value.length <= 17 && /^[\d+\-() ]+$/.test(value);
      case 'car_number': return chars(value) <= 8;
      case 'name': return /^\p{Script=Han}{1,10}$/u.test(value) || /^[A-Za-z .·-]{1,20}$/.test(value) || (chars(value) <= 10 && !/\d/.test(value));
      case 'phrase': return /^\p{Script=Han}{1,5}$/u.test(value);
      default: return false;
    }
  })();
  return ok ? null : 'invalid';
}

export class SubscribeMessages {
  private consents = new Map<string, number>();
  private inbox: InboxMessage[] = [];
  private faults: number[] = [];
  private readonly templates = localTemplates();
  private readonly pages: Set<string> | null;

  constructor(root: string, private readonly now: () => Date) {
    this.pages = appPages(root);
  }

  /** wx.requestSubscribeMessage's outcome for one member: each accept is one message they may receive. */
  grant(openid: string, results: Record<string, string>): Record<string, string> {
    const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const [templateId, result] of Object.entries(results).slice(0, 3)) {
      if (!this.templates.has(templateId)) { answer[templateId] = 'filter'; continue; }
      answer[templateId] = result;
      if (result === 'accept') this.consents.set(`${openid}|${templateId}`, (this.consents.get(`${openid}|${templateId}`) ?? 0) + 1);
    }
    return answer;
  }

  /** The next sends answer these errcodes instead (e.g. -1: system busy), one each. */
  injectFaults(errcodes: number[]): void {
    this.faults.push(...errcodes);
  }

  /**
   * subscribeMessage.send. `permitted`: whether the calling function's config.json lists the API in
   * permissions.openapi (without it, cloud calls answer -604101).
   */
  send(params: Record<string, unknown>, permitted: boolean): Answer {
    if (!permitted) return { errcode: -604101, errmsg: 'function has no permission to call this API' };
    const fault = this.faults.shift();
    if (fault !== undefined) return { errcode: fault, errmsg: fault === -1 ? 'system error' : 'injected fault' };
    const touser = String(params.touser ?? '');
    const templateId = String(params.template_id ?? params.templateId ?? '');
    const page = String(params.page ?? '');
    const data = (params.data ?? {}) as Record<string, { value?: unknown }>;
    if (!touser || /\s/.test(touser)) return { errcode: 40003, errmsg: 'invalid openid' };
    const template = this.templates.get(templateId);
    if (!template) return { errcode: 40037, errmsg: 'invalid template id' };
    if (page && this.pages && !this.pages.has(page.split('?')[0])) return { errcode: 41030, errmsg: 'invalid page' };
    for (const keyword of template.keywords) {
      const problem = keywordProblem(keyword, data[keyword]?.value);
      if (problem) return { errcode: 47003, errmsg: `argument invalid! data.${keyword}.value ${problem}` };
    }
    const key = `${touser}|${templateId}`;
    const left = this.consents.get(key) ?? 0;
    if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    this.consents.set(key, left - 1);
    this.inbox.push({
      at: this.now().toISOString(), touser, templateId, title: template.title, page,
      data: Object.fromEntries(template.keywords.map((k) => [k, { value: String(data[k]?.value) }])),
      miniprogramState: String(params.miniprogram_state ?? params.miniprogramState ?? 'formal'),
    });
    return { errcode: 0, errmsg: 'ok' };
  }

  /** What was delivered, newest first; the consents still held. */
  view(openid?: string): { inbox: InboxMessage[]; consents: Array<{ openid: string; templateId: string; count: number }> } {
    const inbox = [...this.inbox].reverse().filter((m) => !openid || m.touser === openid);
    const consents = [...this.consents].map(([k, count]) => { const [o, templateId] = k.split('|'); return { openid: o, templateId, count }; })
      .filter((c) => !openid || c.openid === openid);
    return { inbox, consents };
  }
}
