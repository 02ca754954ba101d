// `npm run screenshots`: every screen of the H5 build (demo seed), as the identity that uses it, at 375 px and, for
// the operator console, also at 1280 px, into one folder (SCREENSHOT_DIR, default screenshots/) so a reviewer looks
// at them all at once. A screen missing from the tour fails it: every page of client/src/app.config.ts is listed.
import fs from 'fs';
import path from 'path';
import { callFunction, settle, signInAs, useH5Suite } from '../helpers/browser';
import type { H5Suite } from '../helpers/browser';

interface Stop { page: string; query?: string; as: string; name: string; desktop?: boolean }

const MEMBER = 'demo-member-1';
const TOUR: Stop[] = [
  { page: 'pages/index/index', as: MEMBER, name: 'member-home' },
  { page: 'pages/not-found/index', as: MEMBER, name: 'not-found' },
  { page: 'pages/login/index', as: MEMBER, name: 'login' },
  { page: 'packages/loyalty/tiers/index', as: MEMBER, name: 'member-tiers' },
  { page: 'packages/loyalty/history/index', as: MEMBER, name: 'member-history' },
  { page: 'packages/engage/checkin/index', as: MEMBER, name: 'member-checkin' },
  { page: 'packages/engage/tasks/index', as: MEMBER, name: 'member-tasks' },
  { page: 'packages/engage/invite/index', as: MEMBER, name: 'member-invite' },
  { page: 'packages/engage/leaderboard/index', as: MEMBER, name: 'member-leaderboard' },
  { page: 'packages/engage/welcome/index', as: 'demo-member-5', name: 'member-welcome' },
  { page: 'packages/mall/index/index', as: MEMBER, name: 'mall' },
  { page: 'packages/mall/detail/index', query: 'id=coupon-20', as: MEMBER, name: 'mall-detail' },
  { page: 'packages/mall/redemptions/index', as: MEMBER, name: 'mall-redemptions' },
  { page: 'packages/mall/code/index', as: MEMBER, name: 'member-code' },
  { page: 'packages/mall/wallet/index', as: MEMBER, name: 'member-wallet' },
  { page: 'packages/profile/edit/index', as: MEMBER, name: 'profile-edit' },
  { page: 'packages/profile/survey/index', as: MEMBER, name: 'member-survey' },
  { page: 'packages/stores/nearby/index', as: MEMBER, name: 'stores-nearby' },
  { page: 'packages/staff/index/index', as: 'demo-clerk', name: 'staff-home' },
  { page: 'packages/staff/member/index', query: 'keyword=MEMBER_NO', as: 'demo-clerk', name: 'staff-member' },
  { page: 'packages/staff/settlement/index', as: 'demo-mall-manager', name: 'staff-settlement' },
  { page: 'packages/staff/approvals/index', as: 'demo-mall-manager', name: 'staff-approvals' },
  { page: 'packages/staff/followups/index', as: 'demo-clerk', name: 'staff-followups' },
  ...([
    ['index/index', 'console-home'], ['members/index', 'console-members'], ['member/index?memberNo=MEMBER_NO', 'console-member'],
    ['items/index', 'console-items'], ['item/index?itemId=coupon-20', 'console-item'], ['stores/index', 'console-stores'],
    ['activities/index', 'console-activities'], ['channels/index', 'console-channels'], ['staff/index', 'console-staff'],
    ['audit/index', 'console-audit'], ['rules/index', 'console-rules'], ['migration/index', 'console-migration'], ['shipments/index', 'console-shipments'], ['unclaimed/index', 'console-unclaimed'],
    ['segments/index', 'console-segments'], ['segment/index', 'console-segment'], ['tags/index', 'console-tags'],
    ['automation/index', 'console-automation'], ['automation-rule/index?ruleId=pb-dormant-winback', 'console-automation-rule'],
    ['experiments/index', 'console-experiments'], ['experiment/index', 'console-experiment'], ['experiment-result/index', 'console-experiment-result'],
    ['insight/index', 'console-insight-health'], ['insight-points/index', 'console-insight-points'], ['insight-tiers/index', 'console-insight-tiers'],
    ['insight-engagement/index', 'console-insight-engagement'], ['insight-mall/index', 'console-insight-mall'], ['insight-referrals/index', 'console-insight-referrals'],
    ['insight-stores/index', 'console-insight-stores'],
    ['join/index', 'console-join'], ['web-confirm/index', 'console-web-confirm'], ['web-login/index', 'console-web-login'],
  ] as const).map(([p, name]) => {
    const [page, query] = p.split('?');
    return { page: `packages/admin/${page}`, query, as: 'demo-admin', name, desktop: true };
  }),
];

/** Every page the app declares (H5 included), read from its config's text. */
function declaredPages(): string[] {
  const text = fs.readFileSync(path.resolve(__dirname, '../../client/src/app.config.ts'), 'utf8');
  const pages = [...text.matchAll(/'((?:pages|[a-z-]+)\/[a-z-]+\/index)'/g)].map((m) => m[1]).filter((p) => p.startsWith('pages/'));
  for (const block of text.matchAll(/root: '([^']+)',\s*pages: \[([\s\S]*?)\]\s*,?\s*}/g)) {
    for (const m of block[2].matchAll(/'([a-z-]+\/index)'/g)) pages.push(`${block[1]}/${m[1]}`);
  }
  return [...new Set(pages)].sort();
}

const dir = path.resolve(process.env.SCREENSHOT_DIR || path.resolve(__dirname, '../../screenshots'));

describe('screenshots of every screen', () => {
  let suite: H5Suite;
  useH5Suite((s) => { suite = s; });

  test('the tour covers every page of app.config', () => {
    expect([...new Set(TOUR.map((s) => s.page))].sort()).toEqual(declaredPages());
  });

  test('each screen at 375 px (and the console at 1280 px)', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const { page, cloud } = suite;
    const memberNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', MEMBER, { action: 'home' })).member.memberNo;
    let signedIn = '';
    for (const stop of TOUR) {
      if (stop.as !== signedIn && stop.page !== 'pages/login/index') {
        await page.setViewportSize({ width: 375, height: 812 });
        await signInAs(page, cloud.url, stop.as);
        signedIn = stop.as;
      }
      const url = `/${stop.page}${stop.query ? `?${stop.query.replace('MEMBER_NO', memberNo)}` : ''}`;
      for (const width of stop.desktop ? [375, 1280] : [375]) {
        await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
        await page.goto(`${cloud.url}/#${url}`);
        await settle(page, `/${stop.page}`);
        await page.waitForTimeout(1200); // loads answered, images in
        await page.screenshot({ path: path.join(dir, `${stop.name}-${width}.png`), fullPage: true });
      }
    }
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(files.length).toBeGreaterThanOrEqual(TOUR.length);
  }, 600_000);
});
