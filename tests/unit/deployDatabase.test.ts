import fs from 'fs';
import path from 'path';
import { planDatabaseRequests } from '../../scripts/deploy-database';

const DIR = path.join(__dirname, '..', '..', 'cloudfunctions', 'database');

describe('deploying the database from the checked-in files', () => {
  const indexes = JSON.parse(fs.readFileSync(path.join(DIR, 'indexes.json'), 'utf8'));

  test('every collection is created, then given its indexes in the WeChat API format', () => {
    const requests = planDatabaseRequests(indexes, 'env-1');
    expect(requests).toHaveLength(Object.keys(indexes).length * 2);
    const ledger = requests.find((r) => r.path === 'tcb/updateindex' && r.body.collection_name === 'point_ledger');
    expect(ledger?.body.create_indexes).toContainEqual({
      name: 'openid_key_unique',
      unique: true,
      keys: [{ name: 'openid', direction: '1' }, { name: 'key', direction: '1' }],
    });
    expect(requests[0]).toEqual({ path: 'tcb/databasecollectionadd', body: { env: 'env-1', collection_name: Object.keys(indexes)[0] } });
  });

  test('every collection the functions use has a security rule and nothing is open to clients', () => {
    const rules = JSON.parse(fs.readFileSync(path.join(DIR, 'security-rules.json'), 'utf8'));
    for (const collection of Object.keys(indexes)) expect(rules[collection]).toEqual({ read: false, write: false });
  });
});
