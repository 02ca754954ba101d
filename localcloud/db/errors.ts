/**
 * Errors are answered to the SDK as an HTTP 200 body `{ code, message }`; `message` always starts with "[<CODE>] ".
 *
 * What application code catches from wx-server-sdk 4.0.2 (asserted in tests/localcloud/db-errors.test.ts and
 * db-transactions.test.ts): an Error with only `errCode` and `errMsg`, where
 *   errMsg = "<api>:fail <errCode> <SDK text>. [<CODE>] <detail>"   e.g. "collection.add:fail -501001 resource system error. [...]"
 * and errCode comes from the SDK's TCB_ERR_CODE table (unknown codes -> -501001):
 *   - write conflict:   errCode -501001, errMsg contains "[DATABASE_TRANSACTION_CONFLICT]"
 *   - unique violation: errCode -501001, errMsg contains "[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error
 *                       collection: <coll> index: <name> dup key: { field: value, ... }"
 *   - bad request:      errCode -501007 (INVALID_PARAM)
 *   - other failures:   errCode -502001 (DATABASE_REQUEST_FAILED)
 * Detect conflicts and duplicates by testing errMsg for the bracketed code. Exception: transaction.commit() rejects
 * with the raw body (`code`, `message`), which is how the SDK's own runTransaction retries commit-time conflicts.
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
