// Channel secrets (signed order delivery, runtime/signature.ts): made on the server, shown to the admin once, and
// afterwards known in the console only by a fingerprint.
import crypto from 'crypto';

/** A new random secret: 32 characters of base64url (192 bits). */
export const newChannelSecret = (): string => crypto.randomBytes(24).toString('base64url');

/** The first 8 hex digits of the secret's SHA-256: tells secrets apart without revealing them. */
export const fingerprint = (secret: string): string => crypto.createHash('sha256').update(secret).digest('hex').slice(0, 8);
