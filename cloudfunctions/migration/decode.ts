// The file's bytes as text: UTF-8 with or without BOM, else GBK (what legacy Chinese systems export). GBK is decoded
// by iconv-lite's double-byte codec with only the GBK tables (cp936 and the GBK additions, brotli-compressed in gbkTable.ts by
// scripts/gbk-table.js): the whole iconv-lite bundles at 270 KB, this part at about 30 KB, inside the 150 KB budget.
import zlib from 'zlib';
// @ts-expect-error iconv-lite ships no types for its codec modules
import { _dbcs as DbcsCodec } from 'iconv-lite/encodings/dbcs-codec';
import { GBK_TABLE_BROTLI } from './gbkTable';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gbk';

type Decoder = { write(b: Buffer): string; end(): string | undefined };
let codec: { decoder: new (o: object, c: unknown) => Decoder } | null = null;

export function decodeGbk(bytes: Buffer): string {
  codec ??= new DbcsCodec(
    { encodingName: 'gbk', table: () => JSON.parse(zlib.brotliDecompressSync(Buffer.from(GBK_TABLE_BROTLI, 'base64')).toString('utf8')) },
    { defaultCharUnicode: '\ufffd', defaultCharSingleByte: '?' },
  );
  const d = new (codec as NonNullable<typeof codec>).decoder({}, codec);
  return d.write(bytes) + (d.end() ?? '');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Detects the encoding from the bytes: a UTF-8 BOM, valid UTF-8, or GBK. */
export function decodeFile(bytes: Buffer): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeGbk(bytes), encoding: 'gbk' };
  }
}
