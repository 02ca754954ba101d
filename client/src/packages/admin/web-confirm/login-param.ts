// The login request a scan names: `login` when the page is opened with it (the console home's 扫码登录网页版, a link),
// or inside `q`, the whole address of the code, when WeChat opens the page from the code itself (扫普通链接二维码打开小程序).
const LOGIN_ID = /^wl_[A-Za-z0-9_-]{22}$/;

export function loginIdFrom(params: Record<string, string | undefined>): string | null {
  const direct = params.login ? decodeURIComponent(params.login) : null;
  if (direct && LOGIN_ID.test(direct)) return direct;
  const text = params.q ? safeDecode(params.q) : params.scanned ? safeDecode(params.scanned) : '';
  const found = text.match(/[?&]login=(wl_[A-Za-z0-9_-]{22})(?:[&#]|$)/);
  return found ? found[1] : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
