import { CloudError } from '../services/cloud-error';

export interface StoreError { code: string; message: string }

export function toStoreError(err: unknown): StoreError {
  return err instanceof CloudError
    ? { code: err.code, message: err.message }
    : { code: 'UNKNOWN', message: '出了点问题，请稍后重试' };
}
