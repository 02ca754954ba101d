/**
 * WeChat CloudBase environment used by the weapp build.
 * Replace the placeholder with your own env id (云开发控制台 → 环境 ID) before uploading.
 * The h5 build ignores it: it talks to the local cloud gateway on the same origin.
 */
export const cloudEnv = 'your-env-id';
