// ObjectId values (`db.ObjectId({ id })` of the SDK, EJSON {"$oid": ...} on the wire) as the real CloudBase service
// (MongoDB) treats them, through the unmodified wx-server-sdk. Expected behaviour from the official @cloudbase/node-sdk
// test against the real service (test/database/unit/oid.test.ts: an ObjectId _id is answered as its hex string by
// add(), a where() on an ObjectId field finds the document, a lookup joins an ObjectId field to an ObjectId _id) and
// MongoDB's equality: an ObjectId never equals its hex string.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../localcloud/db';
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let OID: (opts: { id: string }) => unknown;

const HEX = ['64b7f0c2a1b2c3d4e5f60701', '64b7f0c2a1b2c3d4e5f60702', '64b7f0c2a1b2c3d4e5f60703', '64b7f0c2a1b2c3d4e5f60704'];
const hexOf = (v: any) => (v && typeof v.toHexString === 'function' ? v.toHexString() : `not an ObjectId: ${JSON.stringify(v)}`);

beforeAll(async () => {
  s = await startDbServer({
    indexes: { oid_refs: [{ name: 'ref_1', keys: { ref: 1 } }], oid_unique: [{ name: 'code_1', keys: { code: 1 }, unique: true }] },
  });
  // wx-server-sdk's database() does not expose ObjectId; the @cloudbase/node-sdk database it wraps does (db.ObjectId
  // in the official tests).
  OID = s.db._db.ObjectId;
});
afterAll(() => s.close());

/** The body of the last request the SDK sent while `p` ran. */
const lastSent = async (p: Promise<unknown>) => {
  await p;
  return s.requests[s.requests.length - 1].body;
};
/** Hex strings of the ObjectIds (aggregate() keeps them as ObjectIds; a string stays a string). */
const agg = async (coll: string, match: object) => (await s.db.collection(coll).aggregate().match(match).end()).list as any[];

describe('ObjectId values in other fields', () => {
  const refs = () => s.db.collection('oid_refs');

  beforeAll(async () => {
    await refs().add({ data: { _id: 'r1', ref: OID({ id: HEX[0] }), name: 'one' } });
    await refs().add({ data: { _id: 'r2', ref: OID({ id: HEX[1] }), name: 'two' } });
    await refs().add({ data: { _id: 'r3', ref: HEX[0], name: 'hex string' } });
  });

  test('the SDK sends {"$oid": hex}; the answer carries {"$oid": hex} back', async () => {
    const body = await lastSent(refs().where({ ref: OID({ id: HEX[0] }) }).get());
    expect(JSON.parse(body.query)).toEqual({ ref: { $oid: HEX[0] } });
    const { data } = await refs().where({ ref: OID({ id: HEX[0] }) }).get();
    expect(data.map((d: any) => d._id)).toEqual(['r1']);
    // The answer on the wire, as the SDK receives it:
    const reply: any = await s.database.handle('database.getDocument', { ...body, action: undefined });
    expect(reply.data.list.map((t: string) => JSON.parse(t))).toEqual([{ _id: 'r1', ref: { $oid: HEX[0] }, name: 'one' }]);
    // NB: wx-server-sdk 4.0.2's get() then copies each document field by field (@cloudbase/database
    // Util.formatField), which turns an ObjectId into {}; aggregate() answers keep the ObjectId.
    expect(data[0].ref).toEqual({});
    const agg = await refs().aggregate().match({ _id: 'r1' }).end();
    expect(hexOf(agg.list[0].ref)).toBe(HEX[0]);
  });

  test('an ObjectId never equals its hex string (either way round)', async () => {
    expect((await refs().where({ ref: HEX[0] }).get()).data.map((d: any) => d._id)).toEqual(['r3']);
    const _ = s.db.command;
    expect((await refs().where({ ref: _.in([OID({ id: HEX[1] }), HEX[0]]) }).orderBy('name', 'asc').get()).data.map((d: any) => d._id)).toEqual([
      'r3',
      'r2',
    ]);
    expect((await refs().where({ ref: _.neq(OID({ id: HEX[0] })) }).count()).total).toBe(2);
  });

  test('aggregation groups by ObjectId value and answers it as {"$oid"}', async () => {
    const _ = s.db.command;
    const res = await refs().aggregate().match({ ref: _.in([OID({ id: HEX[0] }), OID({ id: HEX[1] })]) }).group({ _id: '$ref', n: _.aggregate.sum(1) }).sort({ _id: 1 }).end();
    expect(res.list.map((g: any) => [hexOf(g._id), g.n])).toEqual([
      [HEX[0], 1],
      [HEX[1], 1],
    ]);
  });

  test('a unique index compares ObjectIds by value', async () => {
    const uniq = s.db.collection('oid_unique');
    await uniq.add({ data: { code: OID({ id: HEX[2] }) } });
    await uniq.add({ data: { code: HEX[2] } }); // a string is another value
    const e = await uniq.add({ data: { code: OID({ id: HEX[2] }) } }).catch((x: any) => x);
    expect(e.errMsg).toContain('[DATABASE_DUPLICATE_WRITE]');
    expect(e.errMsg).toContain(`dup key: { code: ObjectId('${HEX[2]}') }`);
  });

  test('lookup joins an ObjectId field to an ObjectId field', async () => {
    await s.db.collection('oid_people').add({ data: { _id: 'p1', key: OID({ id: HEX[0] }), who: 'first' } });
    const res = await refs()
      .aggregate()
      .match({ _id: 'r1' })
      .lookup({ from: 'oid_people', localField: 'ref', foreignField: 'key', as: 'people' })
      .end();
    expect(res.list[0].people.map((p: any) => p.who)).toEqual(['first']);
  });
});


describe('documents whose _id is an ObjectId', () => {
  const users = () => s.db.collection('oid_users');

  test('add() answers the hex string as the id; where({ _id: ObjectId }) finds, updates and removes it', async () => {
    const added = await users().add({ data: { _id: OID({ id: HEX[0] }), inviter: OID({ id: HEX[1] }), name: 'test' } });
    expect(added._id).toBe(HEX[0]);
    const { data } = await users().where({ _id: OID({ id: HEX[0] }) }).get();
    expect(data.map((d: any) => d.name)).toEqual(['test']);
    const [doc] = await agg('oid_users', { _id: OID({ id: HEX[0] }) });
    expect([hexOf(doc._id), hexOf(doc.inviter)]).toEqual([HEX[0], HEX[1]]);

    const upd = await users().where({ _id: OID({ id: HEX[0] }) }).update({ data: { name: 'renamed' } });
    expect(upd.stats.updated).toBe(1);
    // doc(id) takes a string or number (the SDK refuses anything else), and a string is not the ObjectId.
    await expect(users().doc(HEX[0]).get()).rejects.toBeDefined();
    const dup = await users().add({ data: { _id: { $oid: HEX[0] } } }).catch((x: any) => x);
    expect(dup.errMsg).toContain('[DATABASE_DUPLICATE_WRITE]');
    // The same hex as a string _id is another document.
    expect((await users().add({ data: { _id: HEX[0], name: 'string id' } }))._id).toBe(HEX[0]);
    expect((await users().where({ _id: HEX[0] }).get()).data.map((d: any) => d.name)).toEqual(['string id']);
    expect((await users().where({ _id: OID({ id: HEX[0] }) }).remove()).stats.removed).toBe(1);
    expect((await users().where({ _id: OID({ id: HEX[0] }) }).count()).total).toBe(0);
  });

  test('the official lookup: an ObjectId field joined to an ObjectId _id', async () => {
    const main = s.db.collection('oid_main');
    const other = s.db.collection('oid_lookup');
    expect((await main.add({ data: { _id: OID({ id: HEX[2] }), inviter_uid: OID({ id: HEX[3] }), name: 'test' } }))._id).toBe(HEX[2]);
    expect((await other.add({ data: { _id: OID({ id: HEX[3] }), inviter_uid: OID({ id: HEX[2] }), name: 'test1' } }))._id).toBe(HEX[3]);
    const res = await other.aggregate().lookup({ from: 'oid_main', localField: 'inviter_uid', foreignField: '_id', as: 'newTest' }).end();
    expect(res.list).toHaveLength(1);
    expect(res.list[0].newTest.map((d: any) => [hexOf(d._id), d.name])).toEqual([[HEX[2], 'test']]);
  });

  test('ObjectId ids and values survive the journal, a snapshot and a restart', async () => {
    const kept = s.db.collection('oid_kept');
    await kept.add({ data: { _id: OID({ id: HEX[1] }), ref: OID({ id: HEX[2] }), refs: [OID({ id: HEX[3] })] } });
    await kept.add({ data: { _id: 'plain', ref: OID({ id: HEX[2] }) } });

    // Journal only: a copy of the data directory taken before any snapshot is written, opened on its own.
    const copy = mkdtempSync(join(tmpdir(), 'localcloud-oid-'));
    try {
      cpSync(s.dataDir!, copy, { recursive: true });
      const fromJournal = await Database.open({ dataDir: copy, indexes: {}, now: () => new Date(), fsync: false });
      const docs = fromJournal.find('oid_kept').docs as any[];
      expect(docs.map((d) => (typeof d._id === 'string' ? d._id : hexOf(d._id)))).toEqual([HEX[1], 'plain']);
      expect(hexOf(docs[0].refs[0])).toBe(HEX[3]);
      await fromJournal.close();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }

    await s.reopen(); // close writes a snapshot; open reads it back
    const data = await agg('oid_kept', { _id: OID({ id: HEX[1] }) });
    expect(data).toHaveLength(1);
    expect([hexOf(data[0]._id), hexOf(data[0].ref), hexOf(data[0].refs[0])]).toEqual([HEX[1], HEX[2], HEX[3]]);
    // the reloaded document is still found by value, replaced in place and not duplicated
    await kept.where({ _id: OID({ id: HEX[1] }) }).update({ data: { seen: true } });
    expect((await kept.where({ ref: OID({ id: HEX[2] }) }).count()).total).toBe(2);
    expect((await kept.count()).total).toBe(2);
    const dup = await kept.add({ data: { _id: OID({ id: HEX[1] }) } }).catch((x: any) => x);
    expect(dup.errMsg).toContain('[DATABASE_DUPLICATE_WRITE]');
  });
});
