// Renders contract schemas as compact TypeScript-like text for docs/actions.md, so the docs' field lists come
// from the contract and cannot drift from it.
type Def = { type: string; [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = { _zod: { def: Def; optin?: string; optout?: string } };

const defOf = (s: Schema) => s._zod.def;

function range(def: Def): string {
  let min: number | undefined;
  let max: number | undefined;
  let pattern: RegExp | undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' || (d.check === 'greater_than' && d.inclusive)) min = d.minimum ?? d.value;
    if (d.check === 'max_length' || (d.check === 'less_than' && d.inclusive)) max = d.maximum ?? d.value;
    if (d.check === 'string_format' && d.format === 'regex') pattern = d.pattern;
  }
  const parts: string[] = [];
  if (min !== undefined || max !== undefined) parts.push(min === max ? `${min}` : `${min ?? ''}..${max ?? ''}`);
  if (pattern && pattern.source.length <= 40) parts.push(`/${pattern.source}/`);
  return parts.length ? `(${parts.join(' ')})` : '';
}

/** `side` 'input' shows what a caller may send (optional keys, accepted ranges); 'output' what comes back. */
export function describeSchema(schema: Schema, side: 'input' | 'output'): string {
  const def = defOf(schema);
  const withRange = (name: string) => (side === 'input' ? `${name}${range(def)}` : name);
  switch (def.type) {
    case 'string': return withRange('string');
    case 'number': return withRange(def.format === 'safeint' ? 'int' : 'number');
    case 'boolean': return 'boolean';
    case 'unknown': case 'custom': return 'object';
    case 'literal': return def.values.map((v: unknown) => JSON.stringify(v)).join(' | ');
    case 'enum': return Object.values(def.entries).map((v) => `'${String(v)}'`).join(' | ');
    case 'nullable': return side === 'input' ? describeSchema(def.innerType, side) : `${describeSchema(def.innerType, side)} | null`;
    case 'optional': return describeSchema(def.innerType, side);
    case 'pipe': return describeSchema(side === 'input' || defOf(def.out).type === 'transform' ? def.in : def.out, side);
    case 'array': return `${wrap(describeSchema(def.element, side))}[]${side === 'input' ? range(def) : ''}`;
    case 'union': return def.options.map((o: Schema) => describeSchema(o, side)).join(' | ');
    case 'record': return `{ [key: string]: ${describeSchema(def.valueType, side)} }`;
    case 'object': {
      const keys = Object.entries(def.shape as Record<string, Schema>).map(([key, field]) => {
        const optional = (side === 'input' ? field._zod.optin : field._zod.optout) === 'optional';
        return `${key}${optional ? '?' : ''}: ${describeSchema(field, side)}`;
      });
      return keys.length ? `{ ${keys.join(', ')} }` : '{}';
    }
    default: return def.type;
  }
}

const wrap = (s: string) => (s.includes(' | ') ? `(${s})` : s);

/** Breaks a one-line description over lines, one field per line, where an object is longer than `width`. */
export function layout(line: string, width = 100): string {
  const out: string[] = [];
  const emit = (text: string, depth: number) => {
    const close = matchingBrace(text);
    if (text.length + depth * 2 <= width || !text.startsWith('{ ') || text.slice(close).includes('{')) return out.push('  '.repeat(depth) + text);
    const inner = text.slice(2, close - 1);
    const tail = text.slice(close + 1);
    out.push('  '.repeat(depth) + '{');
    for (const field of splitTop(inner)) {
      const colon = field.indexOf(': ');
      const value = field.slice(colon + 2);
      if (value.startsWith('{ ') && field.length + (depth + 1) * 2 > width) {
        const start = out.length;
        emit(value, depth + 1);
        out[start] = '  '.repeat(depth + 1) + field.slice(0, colon + 2) + out[start].trimStart();
        out[out.length - 1] += ',';
      } else out.push('  '.repeat(depth + 1) + field + ',');
    }
    out.push('  '.repeat(depth) + '}' + tail);
  };
  emit(line, 0);
  return out.join('\n');
}

function matchingBrace(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

// Splits "a: x, b: { c, d }, e: y" at the commas outside braces, brackets and parentheses.
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (ch === '/' && text[i - 1] === '(') {
      const end = text.indexOf('/)', i + 1);
      if (end > 0) i = end;
    } else if (ch === ',' && depth === 0 && text[i + 1] === ' ') {
      parts.push(text.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
