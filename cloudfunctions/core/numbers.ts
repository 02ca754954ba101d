// Numbers as staff and operators read them in messages.

/** 1234567 → "1,234,567". */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Fen as yuan with thousands separators and two decimals: 500000 → "5,000.00". */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${grouped(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}
