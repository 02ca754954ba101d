// What the gateway hands to a function. CloudBase refuses callFunction bodies over 6 MB (EXCEED_MAX_PAYLOAD_SIZE);
// the local cloud is stricter, as a real deployment's gateway should be: no action of ours needs more than a few KB,
// and a deep or huge event only costs the worker that parses it. Both bounds answer the INVALID_INPUT envelope.
export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_EVENT_DEPTH = 32;

export const TOO_LARGE = { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: '请求内容过大' } };
export const TOO_DEEP = { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: '请求嵌套层级过深' } };

/** Deepest object/array nesting of a JSON text, without parsing it (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) { if (++depth > max) max = depth; }
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** The refusal for an event text, or null when it may be handed to a worker. */
export function checkEventText(text: string, bytes = Buffer.byteLength(text)): typeof TOO_LARGE | typeof TOO_DEEP | null {
  if (bytes > MAX_EVENT_BYTES) return TOO_LARGE;
  if (jsonDepth(text) > MAX_EVENT_DEPTH) return TOO_DEEP;
  return null;
}

/** A gateway body as a function's event: parsed, or the refusal to send (too large / deep answers 200, not JSON 400). */
export function eventOf(raw: Buffer | null): { event: unknown } | { refusal: object; notJson?: true } {
  if (!raw) return { refusal: TOO_LARGE };
  const text = raw.toString('utf8');
  const refusal = checkEventText(text, raw.length);
  if (refusal) return { refusal };
  try {
    return { event: text ? JSON.parse(text) : {} };
  } catch {
    return { refusal: {}, notJson: true };
  }
}
