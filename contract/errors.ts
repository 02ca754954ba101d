// The one map of error codes lives with the server's error class for now; both ends take its codes from here.
export type { ErrorCode } from '../cloudfunctions/core/errors';
