// The daily benefits pass (权益通): every member whose `benefitsAt` has passed (the 1st of a month, a tier change, a
// birthday just set) or was never set gets the automatic benefits due now (services/benefits.ts), and `benefitsAt`
// moves to the next month start. In chunks inside the function's time budget; a later run resumes with whoever is
// still due. A member's issue is once per period whatever happens (a rerun, a concurrent claim).
import { shanghaiDay } from '../core/time';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { issueBenefits } from '../services/benefits';

const CHUNK = 200;
const PARALLEL = 4;

export interface BenefitRun { day: string; members: number; vouchers: number; points: number; remaining: boolean; failures: number }

export async function issueDueBenefits(db: Database, now: Date, budgetMs: number, clock: () => number = Date.now): Promise<BenefitRun> {
  const started = clock();
  const run: BenefitRun = { day: shanghaiDay(now), members: 0, vouchers: 0, points: 0, remaining: false, failures: 0 };
  const config = await loadConfig(db);
  const secret = codeSecret();
  const _ = db.command;
  const failed = new Set<string>();
  while (clock() - started < budgetMs) {
    const { data } = await db.collection('members').where(_.or([{ benefitsAt: _.lte(now) }, { benefitsAt: null }]))
      .limit(CHUNK + failed.size).field({ _id: true }).get();
    const due = data.map((d) => String(d._id)).filter((id) => !failed.has(id));
    if (due.length === 0) return run;
    for (let i = 0; i < due.length && clock() - started < budgetMs; i += PARALLEL) {
      await Promise.all(due.slice(i, i + PARALLEL).map(async (openid) => {
        try {
          const out = await issueBenefits(db, openid, now, config, { mode: 'auto', by: 'job' }, secret);
          run.members += 1;
          run.vouchers += out.vouchers;
          run.points += out.points;
        } catch (err) {
          failed.add(openid);
          run.failures += 1;
          console.error(`[benefits] ${openid}:`, err);
        }
      }));
    }
  }
  run.remaining = true;
  return run;
}
