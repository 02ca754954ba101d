// Outside the local cloud nothing provides MEMBER_CODE_SECRET: a function without a usable one refuses to sign or
// read member codes and vouchers, and tells the operator what to set.
import { codeSecret, MissingCodeSecretError, PUBLIC_DEFAULT_CODE_SECRET } from '../../cloudfunctions/runtime/codeSecret';

let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errors.mockRestore());

test.each([
  ['missing', {}],
  ['empty', { MEMBER_CODE_SECRET: '' }],
  ['blank', { MEMBER_CODE_SECRET: '   ' }],
  ['the public default', { MEMBER_CODE_SECRET: PUBLIC_DEFAULT_CODE_SECRET }],
  ['too short', { MEMBER_CODE_SECRET: 'short-secret' }],
])('a %s MEMBER_CODE_SECRET is a configuration error, reported to the operator', (_name, env) => {
  expect(() => codeSecret(env)).toThrow(MissingCodeSecretError);
  expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^\[config\] MEMBER_CODE_SECRET .*member, mall and staff/));
});

test('a long secret is used as it is', () => {
  const secret = 'k'.repeat(32);
  expect(codeSecret({ MEMBER_CODE_SECRET: secret })).toBe(secret);
  expect(errors).not.toHaveBeenCalled();
});

test('the process environment is the default source', () => {
  const before = process.env.MEMBER_CODE_SECRET;
  delete process.env.MEMBER_CODE_SECRET;
  try {
    expect(() => codeSecret()).toThrow(MissingCodeSecretError);
  } finally {
    if (before !== undefined) process.env.MEMBER_CODE_SECRET = before;
  }
});
