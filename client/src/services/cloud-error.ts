export class CloudError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    // Transpiled subclasses of Error lose their prototype; restore it so `instanceof` works.
    Object.setPrototypeOf(this, CloudError.prototype);
    this.name = 'CloudError';
    this.code = code;
  }
}

export const networkError = () => new CloudError('NETWORK', '网络异常，请稍后重试');

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function unwrapEnvelope<T>(body: unknown): T {
  const envelope = body as Envelope<T> | null;
  if (envelope && envelope.ok === true) return envelope.data;
  if (envelope && envelope.ok === false && envelope.error) {
    throw new CloudError(envelope.error.code, envelope.error.message);
  }
  throw networkError();
}
