// Foundation budgets: weapp main package size, database requests of member.home and member.login,
// cold `require` time and size of each bundled function, and the H5 time to first card render.
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { benchCloud, call, median, ROOT, row } from './lib';

function dirSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? dirSize(p) : fs.statSync(p).size);
  }, 0);
}

export function weappMainPackage(): { main: number; total: number } | null {
  const dist = path.join(ROOT, 'client', 'dist', 'weapp');
  const appJson = path.join(dist, 'app.json');
  if (!fs.existsSync(appJson)) return null;
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(dist, s.root));
  const total = dirSize(dist);
  const sub = subRoots.filter((r) => fs.existsSync(r)).reduce((s, r) => s + dirSize(r), 0);
  return { main: total - sub, total };
}

/** Milliseconds to require a module in a fresh Node process, measured inside it. */
function requireOnce(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, TENCENTCLOUD: 'true' } }).toString());
}

/** Medians of `runs` requires of `file` and of `baseline`, interleaved so that load on a shared machine hits both alike. */
function requireTimes(file: string, baseline: string, runs: number): { t: number; base: number } {
  const ts: number[] = [];
  const bases: number[] = [];
  for (let i = 0; i < runs; i++) {
    bases.push(requireOnce(baseline));
    ts.push(requireOnce(file));
  }
  return { t: median(ts), base: median(bases) };
}

async function firstCardRender(url: string, runs: number): Promise<number | null> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      // Taro H5 keeps storage as {"data": value}: sign in as a demo member before the app loads.
      await context.addInitScript({ content: `localStorage.setItem('localcloud.openid', '{"data":"demo-member-1"}')` });
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await page.locator('.points-balance').first().waitFor({ timeout: 15000 });
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return median(times);
}

export async function benchFoundation(): Promise<void> {
  console.log('\nFoundation');
  const pkg = weappMainPackage();
  if (pkg) {
    row('weapp main package', `${(pkg.main / 1024).toFixed(1)} KB`, '450 KB', pkg.main <= 450 * 1024);
    row('weapp all packages', `${(pkg.total / 1024).toFixed(1)} KB`, '20 MB', pkg.total <= 20 * 1024 * 1024);
  } else {
    row('weapp main package', 'not built', '450 KB (run npm run build:weapp)');
  }

  const cloud = await benchCloud('demo');
  try {
    const login = await call(cloud.url, 'member', { action: 'login' }, 'bench-new-member');
    row('member.login db requests (new member)', String(login.dbOps));
    const again = await call(cloud.url, 'member', { action: 'login' }, 'bench-new-member');
    row('member.login db requests (returning)', String(again.dbOps));
    // The first home of a Shanghai day also counts the day's visit (growth.events.visit): once a day.
    const firstHome = (await call(cloud.url, 'member', { action: 'home' }, 'demo-member-1')).dbOps;
    row("member.home db requests (the day's first: its visit)", String(firstHome), '11', firstHome <= 11);
    const homeOps: number[] = [];
    for (let i = 0; i < 5; i++) homeOps.push((await call(cloud.url, 'member', { action: 'home' }, 'demo-member-1')).dbOps);
    const worst = Math.max(...homeOps);
    row('member.home db requests (worst of 5 later the same day)', String(worst), '3', worst <= 3);

    const baseline = path.join(ROOT, 'bench', 'fixtures', 'sdk-only', 'index.js');
    row('require: function with only wx-server-sdk', `${median(Array.from({ length: 9 }, () => requireOnce(baseline))).toFixed(1)} ms`);
    for (const name of cloud.functions.names()) {
      const bundle = path.join(ROOT, 'build', 'cloudfunctions', name, 'index.js');
      const { t, base } = requireTimes(bundle, baseline, 9);
      row(`require: ${name}`, `${t.toFixed(1)} ms  ${(t / base).toFixed(2)}x`, '1.2x', t / base <= 1.2);
      const kb = fs.statSync(bundle).size / 1024;
      row(`bundle: ${name}`, `${kb.toFixed(1)} KB`, '150 KB', kb <= 150);
    }

    const render = await firstCardRender(cloud.url, 5);
    row('H5 first card render (median of 5)', render === null ? 'no chromium' : `${render.toFixed(0)} ms`);
  } finally {
    await cloud.cleanup();
  }
}
