// An action's input shares the event with the envelope (`action`, the client's `device`, the platform's `userInfo`
// and `tcbContext`): an input field of one of those names would be stripped or, worse, re-route the call.
import { contract } from '../../contract';

const ENVELOPE = ['action', 'device', 'userInfo', 'tcbContext'];

type Shaped = { _zod: { def: { shape?: Record<string, unknown>; in?: Shaped } } };
const shapeOf = (schema: Shaped): Record<string, unknown> => schema._zod.def.shape ?? (schema._zod.def.in ? shapeOf(schema._zod.def.in) : {});

test.each(Object.entries(contract).flatMap(([fn, actions]) => Object.entries(actions).map(([name, a]) => [`${fn}.${name}`, a] as const)))(
  '%s has no input field named like an envelope field',
  (_name, a) => {
    const keys = Object.keys(shapeOf((a as { input: Shaped }).input));
    expect(keys.filter((k) => ENVELOPE.includes(k))).toEqual([]);
  },
);

test('the check sees every input field, also of inputs with cross-field refinements', () => {
  expect(Object.keys(shapeOf(contract.staff.recordPurchase.input as unknown as Shaped))).toEqual(['memberNo', 'orderId', 'amountFen', 'items', 'paidAt', 'holdId']);
  expect(Object.keys(shapeOf(contract.admin.auditLog.input as unknown as Shaped))).toContain('actionName');
});
