/**
 * Every error the local cloud's database answers, as the HTTP 200 body `{ code, message, requestId }` the real
 * CloudBase service sends. ONE table (`DB_ERRORS` below) lists each code with its message and where both come from.
 *
 * What application code catches from wx-server-sdk 4.0.2 (asserted in tests/localcloud/db-errors.test.ts,
 * db-transactions.test.ts and db-fidelity-transactions.test.ts): @cloudbase/node-sdk throws the body as an error with
 * `code` and `message`; wx-server-sdk then turns it into an Error with only `errCode` and `errMsg`:
 *   errMsg = "<api>:fail <errCode> <SDK text>. <message>"
 *   errCode = the SDK's TCB_ERR_CODE[code]; codes not in that table (DATABASE_TRANSACTION_CONFLICT,
 *             DATABASE_TRANSACTION_FAIL, DATABASE_DUPLICATE_WRITE) become -501001 ("resource system error").
 * The `code` is LOST on that path: a write conflict's errMsg is
 *   "document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is ..."
 * so application code recognises conflicts by the "ResourceUnavailable.TransactionConflict" text (or `code` where it
 * survives: transaction.commit() and rollback() reject with the raw body), see cloudfunctions/runtime/dbErrors.ts.
 */
export type DbErrorCode =
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED';

export class DbError extends Error {
  /** `detail` becomes the message "[<CODE>] <detail>"; use `DbError.exact` for a message the real service sends as is. */
  constructor(readonly code: DbErrorCode, detail: string, exact = false) {
    super(exact ? detail : `[${code}] ${detail}`);
  }

  static exact(code: DbErrorCode, message: string): DbError {
    return new DbError(code, message, true);
  }
}

const PERSISTS = 'Please check your request, but if the problem persists, contact us.';

/**
 * The error table. `message` is the exact text where the real service's text is known; `source` says where the code
 * and the text come from ("local" marks what the local cloud words itself because the real text is not published).
 *
 * | code | when | message | source |
 * |---|---|---|---|
 * | DATABASE_TRANSACTION_CONFLICT | a transaction writes a document another open transaction has written, or one committed after its snapshot; also a plain write that waited 5 s behind a transaction's lock (local: the real service waits until the transaction ends) | `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.` | TencentCloudBase/node-sdk test/database/unit/transaction.test.ts ('读偏', '冲突检测', the mocked conflict in 'rollback within runTransaction'); docs.cloudbase.net/error-code/DATABASE_TRANSACTION_CONFLICT |
 * | DATABASE_TRANSACTION_FAIL | any operation, commit or rollback on a transaction that was committed, aborted (also by a conflict), expired (30 s) or never existed | `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.` | same test file ('事务提交后, 不能进行其它操作'); docs.cloudbase.net/error-code/DATABASE_TRANSACTION_FAIL; a WeChat developer-community report of the same errMsg from document.get |
 * | DATABASE_DUPLICATE_WRITE | a unique index (or _id) would hold a key twice | `[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: <coll> index: <name> dup key: { <field>: <value>, ... }` | code: docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE ("index key duplicate, e.g. inserting data with same _id"); the E11000 text is MongoDB's, reported reaching wx-server-sdk from the real service by a third-party project (which also saw errCode -502001, i.e. code DATABASE_REQUEST_FAILED: detect duplicates by "E11000", not by the code); the "[DATABASE_DUPLICATE_WRITE]" prefix is local |
 * | DATABASE_INVALID_OPERRATOR | a database action the local cloud does not emulate | `[UnsupportedOperation] database action "<action>" is not emulated by the local cloud` | code: docs.cloudbase.net/error-code/basic (DATABASE_INVALID_OPERRATOR: 不支持的操作、非法的数据库操作符; wx-server-sdk maps it to -502002); text local |
 * | INVALID_PARAM | malformed request parameters (not EJSON, missing collectionName, bad limit/offset, update changing _id ...) | `[INVALID_PARAM] <detail>` | code: @cloudbase/database const/code.js ERRORS.INVALID_PARAM (the SDK answers its own parameter checks with it; wx-server-sdk maps it to -501007); text local |
 * | DATABASE_REQUEST_FAILED | anything else the database refuses: unknown query/update operators, a document over 16 MB, a failed geo key ... | `[DATABASE_REQUEST_FAILED] <detail>` (MongoDB's text where one exists, e.g. "object to insert too large") | code: docs.cloudbase.net/error-code/basic (数据库请求失败,数据库通用错误; -502001); text local or MongoDB's |
 */
export const DB_ERRORS = {
  conflict: {
    code: 'DATABASE_TRANSACTION_CONFLICT',
    message: `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${PERSISTS}`,
  },
  transactionNotExist: {
    code: 'DATABASE_TRANSACTION_FAIL',
    message: `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${PERSISTS}`,
  },
} as const;

/** A write conflict; `_why` documents the cause at the call site (the real service does not say which document). */
export const conflict = (_why?: string) => DbError.exact(DB_ERRORS.conflict.code, DB_ERRORS.conflict.message);
export const transactionNotExist = () => DbError.exact(DB_ERRORS.transactionNotExist.code, DB_ERRORS.transactionNotExist.message);
export const invalidParam = (detail: string) => new DbError('INVALID_PARAM', detail);
export const requestFailed = (detail: string) => new DbError('DATABASE_REQUEST_FAILED', detail);
export const notEmulated = (action: string) =>
  DbError.exact('DATABASE_INVALID_OPERRATOR', `[UnsupportedOperation] database action ${JSON.stringify(action)} is not emulated by the local cloud`);
