// 调整积分 on the console member page: one request id per confirmation (a network retry reuses it), the page reloads
// after an answer, applied or held.
import { expect, test } from '@jest/globals';
import { createMemberAdjustStore } from '../../../client/src/packages/admin/member-adjust-store';
import { CloudError } from '../../../client/src/services/cloud-error';
import { fakeCall } from './fakes';

test('a retry after a network error reuses the request id; each answer reloads the member', async () => {
  const reloaded: string[] = [];
  let made = 0;
  const fake = fakeCall({
    admin: {
      adjustPoints: (input, n) => {
        if (n === 0) throw new CloudError('NETWORK', '网络异常');
        return { status: 'applied', memberNo: input.memberNo, amount: input.amount, balance: 130, replayed: false };
      },
    },
  });
  const store = createMemberAdjustStore(fake.call, (m) => reloaded.push(m), () => `cadj-test-${++made}`);
  const input = { memberNo: '100001', amount: 30, reason: '活动补发' };
  expect(await store.getState().submit(input)).toBeNull();
  expect(await store.getState().submit(input)).toMatchObject({ status: 'applied', balance: 130 });
  expect(fake.inputs('admin.adjustPoints').map((i) => i.requestId)).toEqual(['cadj-test-1', 'cadj-test-1']);
  expect(reloaded).toEqual(['100001']);
});
