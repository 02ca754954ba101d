// Code 128 in pure TypeScript, for the 1D barcode under the member code (most tills scan 1D codes). Digits are packed
// two per symbol in code set C; an odd last digit goes in code set B. The result is the run of module widths, bar
// first: start, data, check symbol ((start + Σ position × value) mod 103), stop with its termination bar.

/** Bar/space widths of the symbol values 0–106 (ISO/IEC 15417); 106 is the stop, 13 modules with its final bar. */
export const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const START_C = 105;
const CODE_B = 100;
const STOP = 106;

/** The symbol values of `digits`: start C, the pairs, (code B and the odd last digit), the check symbol, stop. */
export function code128Values(digits: string): number[] {
  if (!/^\d+$/.test(digits)) throw new Error('code128: digits only');
  const values = [START_C];
  for (let i = 0; i + 1 < digits.length; i += 2) values.push(Number(digits.slice(i, i + 2)));
  if (digits.length % 2 === 1) values.push(CODE_B, digits.charCodeAt(digits.length - 1) - 32);
  const check = values.reduce((sum, v, i) => sum + v * Math.max(1, i), 0) % 103;
  return [...values, check, STOP];
}

/** Module widths, bar first, alternating bar and space (no quiet zone: the renderer adds ten modules each side). */
export function code128Widths(digits: string): number[] {
  return code128Values(digits).flatMap((v) => PATTERNS[v].split('').map(Number));
}
