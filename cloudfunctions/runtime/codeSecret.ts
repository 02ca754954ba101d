// The secret that signs member codes, vouchers and gift card numbers. Set MEMBER_CODE_SECRET in the cloud function's
// environment variables (云开发控制台 → 云函数 → 配置 → 环境变量) of `member`, `mall` and `staff`, the same value in
// all three. Without it the local default below is used: fine for the local cloud, never for a real environment.
export const LOCAL_CODE_SECRET = 'local-only-member-code-secret';

export function codeSecret(): string {
  return process.env.MEMBER_CODE_SECRET || LOCAL_CODE_SECRET;
}
