/**
 * Errors answered to the SDK as an HTTP 200 body `{ code, message }`.
 *
 * What application code sees through wx-server-sdk 4.0.2 (verified by tests/localcloud/db-errors.test.ts):
 * the SDK maps `code` through its TCB_ERR_CODE table into `errCode` and surfaces our `message` in `errMsg`
 * (prefixed with the API name, e.g. "document.update:fail ..."). Codes it does not know become -501001.
 *   - write conflict:   errCode -501001, errMsg contains "DATABASE_TRANSACTION_CONFLICT"
 *   - unique violation: errCode -501001, errMsg contains "DATABASE_DUPLICATE_WRITE" and
 *                       "E11000 duplicate key error collection: <coll> index: <name> dup key: { ... }"
 *   - bad request:      errCode -501007 (INVALID_PARAM)
 *   - other failures:   errCode -502001 (DATABASE_REQUEST_FAILED)
 * The message therefore always starts with "[<CODE>] " so the code is recoverable from errMsg alone.
 */
export type DbErrorCode =
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED';

export class DbError extends Error {
  constructor(readonly code: DbErrorCode, detail: string) {
    super(`[${code}] ${detail}`);
  }
}

export const conflict = (detail: string) => new DbError('DATABASE_TRANSACTION_CONFLICT', detail);
export const invalidParam = (detail: string) => new DbError('INVALID_PARAM', detail);
export const requestFailed = (detail: string) => new DbError('DATABASE_REQUEST_FAILED', detail);
