// The secret that signs member codes, vouchers and gift card numbers. Set MEMBER_CODE_SECRET in the cloud function's
// environment variables (云开发控制台 → 云函数 → 配置 → 环境变量) of `member`, `mall` and `staff`: a long random string
// (at least 32 characters, e.g. `openssl rand -base64 32`), the same value in all three.
//
// There is no fallback: a function without it (or with a short one, or with the public default that earlier versions
// shipped) signs and reads nothing. The caller gets INTERNAL; the operator gets a console.error saying what to set.
// The local cloud generates one per data directory and passes it to the functions (localcloud/secrets.ts).
export const MIN_CODE_SECRET_LENGTH = 32;

/** The default earlier versions fell back to: public, so never accepted. */
export const PUBLIC_DEFAULT_CODE_SECRET = 'local-only-member-code-secret';

export class MissingCodeSecretError extends Error {
  constructor(reason: string) {
    super(`MEMBER_CODE_SECRET ${reason}: set it (a random string of at least ${MIN_CODE_SECRET_LENGTH} characters, the same on member, mall and staff) in the function's environment variables; member codes and vouchers are neither signed nor read without it`);
    this.name = 'MissingCodeSecretError';
  }
}

export function codeSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.MEMBER_CODE_SECRET?.trim() ?? '';
  const reason = !secret ? 'is not set'
    : secret === PUBLIC_DEFAULT_CODE_SECRET ? 'is the public default from the repository'
    : secret.length < MIN_CODE_SECRET_LENGTH ? `is shorter than ${MIN_CODE_SECRET_LENGTH} characters`
    : null;
  if (!reason) return secret;
  const err = new MissingCodeSecretError(reason);
  console.error(`[config] ${err.message}`);
  throw err;
}
