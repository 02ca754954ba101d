// Small helpers of the catalog pages: who may edit, Shanghai times as the forms type them, yuan and fen.
import type { Contract } from '@contract/index';
import { mayRunAction } from './session-store';

/**
 * Whether the signed-in staff member may run `catalog.<action>` (the pages hide controls the server would refuse):
 * from admin.session's `actions`, the role matrix as the server applies it (core/ is not part of the client).
 */
export const mayRun = (role: string | undefined, action: keyof Contract['catalog']) => !!role && mayRunAction(`catalog.${action}`);

/** `2027-01-01T02:00:00.000Z` → `2027-01-01 10:00` (Shanghai). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2027-01-01 10:00` (Shanghai) → `2027-01-01T10:00:00+08:00`; empty → undefined; anything else as typed (the contract names it). */
export function fromLocalInput(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(t);
  if (m) return `${m[1]}T${m[2]}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t}T00:00:00+08:00`;
  return t;
}

/** A typed whole number, or the text itself (the contract's check then says 必须是整数). */
export function intOf(text: string): number {
  const t = text.trim();
  return (/^-?\d+$/.test(t) ? Number(t) : t) as number;
}

/** Yuan as typed (`30`, `30.5`) → fen; empty → undefined. */
export function fenOf(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return (/^\d+(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : t) as number;
}

export const yuanText = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2));

export function shanghaiText(iso: string | null): string {
  return iso ? toLocalInput(iso) : '—';
}
