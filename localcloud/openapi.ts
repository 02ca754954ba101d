// WeChat open APIs (cloud.openapi.*) as the local cloud emulates them. wx-server-sdk sends them as a multipart
// `wx.openApi` request whose `requestData` is a protobuf CommApiData (the call's parameters as key → JSON pairs) and
// expects a protobuf CommOpenApiResp (the API's JSON answer in `respData`). Only the APIs this project calls exist.
import crypto from 'crypto';
import type { SubscribeMessages } from './subscribeMessages';

// --- the little protobuf this needs: varints and length-delimited fields ---
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
}

/** Fields of one message: field number → raw values (Buffers for length-delimited, numbers for varints). */
export function decodeFields(buf: Buffer): Map<number, Array<Buffer | number>> {
  const fields = new Map<number, Array<Buffer | number>>();
  let pos = 0;
  while (pos < buf.length) {
    let tag: number;
    [tag, pos] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Buffer.from(out);
}

const bytesField = (field: number, value: Buffer) => Buffer.concat([varint(field * 8 + 2), varint(value.length), value]);

/** The call's parameters: CommApiData.openapiData (2) → pairs (1) → { key (1), value (2, JSON) }. */
export function decodeOpenApiParams(requestData: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const openapiData = decodeFields(requestData).get(2)?.[0];
  if (!Buffer.isBuffer(openapiData)) return params;
  for (const pair of decodeFields(openapiData).get(1) ?? []) {
    if (!Buffer.isBuffer(pair)) continue;
    const p = decodeFields(pair);
    const key = (p.get(1)?.[0] as Buffer | undefined)?.toString('utf8');
    const value = (p.get(2)?.[0] as Buffer | undefined)?.toString('utf8');
    if (key !== undefined && value !== undefined) params[key] = JSON.parse(value);
  }
  return params;
}

/** CommOpenApiResp { respData (1): the JSON answer, contentType (2) }. */
export function encodeOpenApiResponse(json: unknown): Buffer {
  return Buffer.concat([bytesField(1, Buffer.from(JSON.stringify(json))), bytesField(2, Buffer.from('application/json'))]);
}

// --- the emulated APIs ---

/**
 * phonenumber.getPhoneNumber: the code from <button open-type="getPhoneNumber"> becomes a phone number. Locally, a code
 * that is itself an 11-digit mainland number binds that number (the H5 demo types one); any other code maps to a
 * stable made-up 139 number; the code `invalid` answers WeChat's errcode 40029.
 */
function getPhoneNumber(params: Record<string, unknown>) {
  const code = String(params.code ?? '');
  if (!code || code === 'invalid') return { errcode: 40029, errmsg: 'invalid code' };
  const digits = /^1\d{10}$/.test(code) ? code : `139${(parseInt(crypto.createHash('sha256').update(code).digest('hex').slice(0, 10), 16) % 1e8).toString().padStart(8, '0')}`;
  return {
    errcode: 0,
    errmsg: 'ok',
    phone_info: { phoneNumber: digits, purePhoneNumber: digits, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'wx-localcloud' } },
  };
}

/** Who calls: the emulated WeChat side of subscription messages, and whether the calling function declared the API. */
export interface OpenApiContext { subscribe: SubscribeMessages; permitted: (api: string) => boolean }

const APIS: Record<string, (params: Record<string, unknown>, ctx: OpenApiContext) => unknown> = {
  'phonenumber.getPhoneNumber': getPhoneNumber,
  // subscribeMessage.send: WeChat's checks and error codes, consents and the inbox (subscribeMessages.ts).
  'subscribeMessage.send': (params, ctx) => ctx.subscribe.send(params, ctx.permitted('subscribeMessage.send')),
};

export function callOpenApi(apiName: string, requestData: Buffer, ctx: OpenApiContext): { ok: true; body: Buffer } | { ok: false; message: string } {
  const api = APIS[apiName];
  if (!api) return { ok: false, message: `open API ${apiName} is not emulated by the local cloud` };
  return { ok: true, body: encodeOpenApiResponse(api(decodeOpenApiParams(requestData), ctx)) };
}

/** Splits a multipart/form-data body into its named parts (binary-safe). */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Record<string, Buffer> = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const name = /name="([^"]+)"/.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1];
      if (name) parts[name] = part.subarray(headerEnd + 4);
    }
    start = next;
  }
  return parts;
}
