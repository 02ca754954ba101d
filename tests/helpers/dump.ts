// A dump of every collection of a test cloud's database, to show that a refused request wrote nothing.
import type { TestCloud } from './cloud';

export type Dump = Record<string, object[]>;

export function dumpDatabase(t: TestCloud): Dump {
  const out: Dump = {};
  for (const name of [...t.cloud.db.listCollections()].sort()) {
    const { total } = t.cloud.db.find(name, {}, { limit: 1 });
    const docs = total ? t.cloud.db.find(name, {}, { limit: total }).docs : [];
    if (docs.length) out[name] = docs;
  }
  return out;
}
