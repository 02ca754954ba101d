// The H5 build's stand-in for WeChat's subscription consent dialog (wx.requestSubscribeMessage): the mini-program's
// name, 「发送一次以下消息」, one switch per template (on), 取消 / 允许. Its answer is posted to the local cloud
// (/_wx/requestSubscribeMessage), which plays WeChat's servers: a send then finds the consent there, as on WeChat.
import { getIdentity } from './identity';
import type { AskTemplate, ConsentResult } from './subscribe';

const CSS = `
.wx-subscribe-mask{position:fixed;inset:0;background:rgba(0,0,0,.55);z-index:10000;display:flex;align-items:flex-end;justify-content:center}
.wx-subscribe-dialog{width:100%;max-width:480px;background:#fff;border-radius:12px 12px 0 0;padding:20px 20px calc(16px + env(safe-area-inset-bottom));box-sizing:border-box;font-size:15px;color:#111}
.wx-subscribe-dialog__app{display:flex;align-items:center;gap:8px;font-size:14px;color:#333;margin-bottom:14px}
.wx-subscribe-dialog__logo{width:22px;height:22px;border-radius:50%;background:#07c160;color:#fff;font-size:12px;display:flex;align-items:center;justify-content:center}
.wx-subscribe-dialog__title{font-size:17px;font-weight:600;margin-bottom:12px}
.wx-subscribe-dialog__item{display:flex;justify-content:space-between;align-items:center;padding:12px 0;border-top:1px solid #eee}
.wx-subscribe-dialog__switch{width:44px;height:26px;border-radius:13px;background:#ddd;position:relative;transition:background .2s;flex:none}
.wx-subscribe-dialog__switch::after{content:'';position:absolute;top:2px;left:2px;width:22px;height:22px;border-radius:50%;background:#fff;transition:left .2s}
.wx-subscribe-dialog__switch--on{background:#07c160}
.wx-subscribe-dialog__switch--on::after{left:20px}
.wx-subscribe-dialog__buttons{display:flex;gap:12px;margin-top:18px}
.wx-subscribe-dialog__buttons button{flex:1;height:42px;border:0;border-radius:6px;font-size:16px}
.wx-subscribe-dialog__cancel{background:#f2f2f2;color:#07c160}
.wx-subscribe-dialog__allow{background:#07c160;color:#fff}
`;

function ensureStyle(): void {
  if (document.getElementById('wx-subscribe-style')) return;
  const style = document.createElement('style');
  style.id = 'wx-subscribe-style';
  style.textContent = CSS;
  document.head.appendChild(style);
}

const el = (tag: string, className: string, text?: string) => {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** What WeChat learns: the local cloud's consents (errors ignored: the send will then answer 43101, as WeChat would). */
function tellWeChat(results: Record<string, ConsentResult>): Promise<void> {
  const openid = getIdentity();
  if (!openid) return Promise.resolve();
  return fetch('/_wx/requestSubscribeMessage', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ results }),
  }).then(() => undefined, () => undefined);
}

export function showConsentDialog(templates: AskTemplate[]): Promise<Record<string, ConsentResult>> {
  ensureStyle();
  return new Promise((resolve) => {
    const on = new Map(templates.map((t) => [t.templateId, true]));
    const mask = el('div', 'wx-subscribe-mask');
    const dialog = el('div', 'wx-subscribe-dialog');
    dialog.setAttribute('role', 'dialog');
    const app = el('div', 'wx-subscribe-dialog__app');
    app.append(el('span', 'wx-subscribe-dialog__logo', '会'), el('span', '', '会员中心 申请'));
    dialog.append(app, el('div', 'wx-subscribe-dialog__title', '发送一次以下消息'));
    for (const t of templates) {
      const item = el('div', 'wx-subscribe-dialog__item');
      item.dataset.templateId = t.templateId;
      const toggle = el('span', 'wx-subscribe-dialog__switch wx-subscribe-dialog__switch--on');
      item.onclick = () => {
        on.set(t.templateId, !on.get(t.templateId));
        toggle.classList.toggle('wx-subscribe-dialog__switch--on', on.get(t.templateId));
      };
      item.append(el('span', 'wx-subscribe-dialog__name', t.title), toggle);
      dialog.append(item);
    }
    const buttons = el('div', 'wx-subscribe-dialog__buttons');
    const cancel = el('button', 'wx-subscribe-dialog__cancel', '取消');
    const allow = el('button', 'wx-subscribe-dialog__allow', '允许');
    buttons.append(cancel, allow);
    dialog.append(buttons);
    mask.append(dialog);
    document.body.appendChild(mask);
    const close = (accepted: boolean) => {
      mask.remove();
      const results = Object.fromEntries(templates.map((t) => [t.templateId, (accepted && on.get(t.templateId) ? 'accept' : 'reject') as ConsentResult]));
      void tellWeChat(results).then(() => resolve(results));
    };
    cancel.onclick = () => close(false);
    allow.onclick = () => close(true);
  });
}
