// `npm run audit -- [--url http://localhost:8787] [--as demo-admin]`: recomputes every member's balance from the
// ledger and the lots through admin.audit, page by page, and reports any drift, then the outbox (follow-ups to other
// members not yet applied: pending, failed, the oldest one's age). Exit code 1 when anything drifts.
// Against a real environment, call the same action from an admin's session (the staff collection decides who).
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface OutboxSummary { pending: number; failed: number; oldestAgeSeconds: number | null }

export interface LedgerAudit { checked: number; drift: unknown[]; outbox: OutboxSummary | null }

/** Runs admin.audit page by page against the local cloud (or any gateway) at `url` as the admin `admin`. */
export async function auditLedger(url: string, admin: string): Promise<LedgerAudit> {
  let cursor: string | null = null;
  let checked = 0;
  const drift: unknown[] = [];
  let outbox: OutboxSummary | null = null;
  do {
    const res = await fetch(`${url}/functions/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': admin },
      body: JSON.stringify({ action: 'audit', limit: 500, ...(cursor ? { cursor } : {}) }),
    });
    const body = (await res.json()) as { ok: boolean; data?: { checked: number; drift: unknown[]; outbox: OutboxSummary; nextCursor: string | null }; error?: { message: string } };
    if (!body.ok || !body.data) throw new Error(`audit failed: ${body.error?.message ?? res.status}`);
    checked += body.data.checked;
    drift.push(...body.data.drift);
    outbox ??= body.data.outbox;
    cursor = body.data.nextCursor;
  } while (cursor);
  return { checked, drift, outbox };
}

async function main() {
  const { checked, drift, outbox } = await auditLedger(arg('url', 'http://localhost:8787'), arg('as', 'demo-admin'));
  console.log(`checked ${checked} members: ${drift.length === 0 ? 'every balance equals its ledger and lots' : `${drift.length} drift`}`);
  for (const d of drift) console.log('  ', JSON.stringify(d));
  if (outbox) {
    const age = outbox.oldestAgeSeconds === null ? '' : `, oldest ${outbox.oldestAgeSeconds} s old`;
    console.log(`outbox: ${outbox.pending} pending, ${outbox.failed} failed${age}${outbox.pending + outbox.failed === 0 ? ' (every follow-up applied)' : ' (the jobs timer retries them)'}`);
  }
  process.exit(drift.length === 0 ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(2);
  });
}
