// The member card journey in the real mini-program through WeChat DevTools (miniprogram-automator).
// DevTools does not run on Linux, so this suite runs on a developer's macOS/Windows machine:
//   cd client && npx taro build --type weapp
//   WECHAT_DEVTOOLS_CLI="/Applications/wechatwebdevtools.app/Contents/MacOS/cli" npx jest --selectProjects automator
// DevTools needs "服务端口" (Settings → Security) enabled, and client/src/cloud.config.ts must name a real
// CloudBase environment with the functions deployed. In weapp the identity is the DevTools user's openid, so
// the H5 suite's "type any openid" step has no counterpart here.
import fs from 'fs';
import path from 'path';
import automator from 'miniprogram-automator';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';
import type { Output } from '../../contract';

type MemberHome = Output<'member', 'home'>;

const CLI = process.env.WECHAT_DEVTOOLS_CLI;
const REPO_ROOT = path.resolve(__dirname, '../..');
const PAGE_TRANSITION_MS = 1000;

const canRun = Boolean(CLI && fs.existsSync(CLI));
if (!canRun) {
  console.warn(
    '[automator] skipped: WeChat DevTools is not installed here (it does not run on Linux). ' +
      'Run this suite on macOS/Windows with WECHAT_DEVTOOLS_CLI pointing at the DevTools CLI.',
  );
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const digits = (text: string) => text.replace(/[^\d-]/g, '');

async function textOf(page: Page, selector: string) {
  const element = await page.$(selector);
  if (!element) throw new Error(`${selector} not found`);
  return (await element.text()).trim();
}

(canRun ? describe : describe.skip)('member card (weapp in WeChat DevTools)', () => {
  let miniProgram: MiniProgram;

  beforeAll(async () => {
    miniProgram = await automator.launch({ cliPath: CLI, projectPath: REPO_ROOT });
  }, 120_000);

  afterAll(async () => {
    await miniProgram?.close();
  });

  test('the home page shows the card the member function describes', async () => {
    const page = await miniProgram.reLaunch('/pages/index/index');
    if (!page) throw new Error('home page did not open');
    await page.waitFor('.member-card');
    await page.waitFor(PAGE_TRANSITION_MS);

    const envelope = (await miniProgram.evaluate(
      () =>
        new Promise((resolve, reject) => {
          // Runs inside the mini-program, where `wx` is a global.
          (globalThis as any).wx.cloud.callFunction({
            name: 'member',
            data: { action: 'home' },
            success: (res: { result: unknown }) => resolve(res.result),
            fail: reject,
          });
        }),
    )) as Envelope<MemberHome>;
    if (!envelope.ok) throw new Error(`member.home failed: ${envelope.error.message}`);
    const home = envelope.data;

    expect(await textOf(page, '.tier-name')).toBe(home.tier.name);
    expect(digits(await textOf(page, '.points-balance'))).toBe(String(home.points.balance));
    expect(digits(await textOf(page, '.growth-total'))).toBe(String(home.growth.total));
    expect((await page.$$('.benefit-item')).length).toBe(home.tier.benefits.length);
    expect(await page.$('.identity-item')).toBeNull();
  }, 60_000);
});
