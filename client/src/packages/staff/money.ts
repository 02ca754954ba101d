import { formatNumber } from '../../utils/format';

/** 500000 fen → "5,000.00". */
export const formatYuan = (fen: number): string => {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '−' : ''}${formatNumber(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
};
