// 数据迁移 in the H5 build at desktop width (1280): demo-admin downloads the template, uploads a generated GBK file of
// 600 members with a few bad rows, sees the dry run's counts and its report row by row (and downloads it as CSV),
// commits, and watches the progress bar move chunk by chunk to the summary whose points audit matches the file.
// A member who then binds one of the phones finds the imported balance on their card.
import fs from 'fs';
import os from 'os';
import path from 'path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
jest.setTimeout(240_000);

// Small chunks, one per step: the commit takes several steps, so the bar is seen between 0 and the end.
process.env.MIGRATION_CHUNK_ROWS = '100';
process.env.MIGRATION_STEP_MS = '1';

const ROWS = 600;
const BAD = new Set([10, 250, 420]);

function legacyFile(): { bytes: Buffer; points: number } {
  const lines = ['手机号,姓名,等级,等级有效期至,成长值,积分,原会员号'];
  let points = 0;
  for (let i = 0; i < ROWS; i++) {
    const phone = `135${String(i).padStart(8, '0')}`;
    if (BAD.has(i)) lines.push(`${phone.slice(0, 7)},坏数据${i},,,,50@2027-12-31,OLD${i}`);
    else {
      lines.push(`${phone},会员${i},${i % 3},${i % 3 ? '2027-06-30' : ''},${i * 2},${i + 10}@2027-12-31,OLD${i}`);
      points += i + 10;
    }
  }
  return { bytes: iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'), points };
}

(canRun ? describe : describe.skip)('console: migration (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-browser-'));

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
  });

  test('an admin uploads a file, reads the dry run, commits and watches the progress', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    await visible(page, '.console-tile[data-url="/packages/admin/migration/index"]').click();
    await settle(page, '/packages/admin/migration/index');
    await visible(page, '.migration-template').waitFor({ timeout: 15_000 });

    // Desktop: the steps and the results side by side.
    const steps = await visible(page, '.migration-steps').boundingBox();
    const results = await visible(page, '.migration-results').boundingBox();
    expect(results!.x).toBeGreaterThan(steps!.x + steps!.width - 1);

    // The template downloads with the columns.
    const [template] = await Promise.all([page.waitForEvent('download'), visible(page, '.migration-template-download').click()]);
    expect(template.suggestedFilename()).toBe('会员导入模板.csv');
    const templateText = fs.readFileSync((await template.path())!, 'utf8');
    expect(templateText.startsWith('\ufeffphone,name,birthday,joinedAt,tier,tierValidUntil,growth,points')).toBe(true);

    // Upload: the dry run's counts and report.
    const { bytes, points } = legacyFile();
    const file = path.join(dir, 'legacy-gbk.csv');
    fs.writeFileSync(file, bytes);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.migration-pick').click()]);
    await chooser.setFiles(file);
    await visible(page, '.migration-report').waitFor({ timeout: 60_000 });
    // The counts grow as the dry run goes; it has finished when the report's rows are there and the button is back.
    await page.waitForFunction("document.querySelectorAll('.migration-issue').length > 0 && [...document.querySelectorAll('.migration-pick')].some((e) => e.textContent === '选择文件')", undefined, { timeout: 60_000 });
    expect(await visible(page, '.migration-file').textContent()).toContain('legacy-gbk.csv');
    expect(await visible(page, '.migration-file').textContent()).toContain('GBK');
    expect(await visible(page, '.migration-count--valid .migration-count__value').textContent()).toBe(String(ROWS - BAD.size));
    expect(await visible(page, '.migration-count--invalid .migration-count__value').textContent()).toBe(String(BAD.size));
    const issueRows = await page.locator('.migration-issue:visible').evaluateAll((els) => els.map((e) => (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
    expect(issueRows).toEqual([...BAD].map((i) => `${i + 2} 手机号 135${String(i).padStart(8, '0').slice(0, 4)} 手机号“135${String(i).padStart(8, '0').slice(0, 4)}”格式不正确，应为 11 位手机号`));
    const [report] = await Promise.all([page.waitForEvent('download'), visible(page, '.migration-report-download').click()]);
    expect(report.suggestedFilename()).toBe('legacy-gbk-问题报告.csv');
    expect(fs.readFileSync((await report.path())!, 'utf8').split('\r\n').slice(0, 2)).toEqual(['\ufeff行号,列,内容,原因', `12,手机号,1350000,手机号“1350000”格式不正确，应为 11 位手机号`]);
    await shot(page, 'console-migration-dryrun-desktop');

    // Commit: the bar moves, then the summary.
    await visible(page, '.migration-commit-button').click();
    const seen = new Set<number>();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const bar = page.locator('.migration-progress[data-phase="commit"]:visible');
      if (await bar.count()) {
        const done = Number(await bar.getAttribute('data-done'));
        if (done > 0 && done < ROWS && !seen.has(done)) {
          seen.add(done);
          if (seen.size === 1) await shot(page, 'console-migration-progress-desktop');
        }
      }
      if (await page.locator('.migration-audit:visible').count()) break;
      await page.waitForTimeout(50);
    }
    expect(seen.size).toBeGreaterThan(0);
    expect(await visible(page, '.migration-summary .migration-count--created .migration-count__value').textContent()).toBe(String(ROWS - BAD.size));
    expect(await visible(page, '.migration-audit').textContent()).toBe(`积分核对：文件 ${points.toLocaleString('en-US')}，已导入 ${points.toLocaleString('en-US')}，一致；问题行中的积分 150 未导入`);
    expect(await visible(page, '.migration-progress[data-phase="commit"]').getAttribute('data-done')).toBe(String(ROWS));
    await shot(page, 'console-migration-done-desktop');

    // A member binding one of the phones finds the imported points.
    await callFunction(cloud.url, 'member', 'wx-imported-7', { action: 'login' });
    const before = await callFunction<{ points: { balance: number } }>(cloud.url, 'member', 'wx-imported-7', { action: 'home' });
    await callFunction(cloud.url, 'member', 'wx-imported-7', { action: 'bindPhone', code: '13500000007' });
    const after = await callFunction<{ points: { balance: number }; tier: { level: number } }>(cloud.url, 'member', 'wx-imported-7', { action: 'home' });
    expect(after.points.balance).toBe(before.points.balance + 17);
    expect(after.tier.level).toBe(1);
  });
});
