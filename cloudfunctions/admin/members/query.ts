// The pure part of member search: what the keyword is searched by, the nickname regex, and the page cursor.

export type SearchBy = 'auto' | 'memberNo' | 'phone' | 'nickname';
export type SearchKey = Exclude<SearchBy, 'auto'>;

/** `auto`: 1 and 10 more digits is a phone (mainland mobile), other 6–20 digits a member number, anything else a nickname. */
export function searchKeyOf(keyword: string, by: SearchBy = 'auto'): SearchKey {
  if (by !== 'auto') return by;
  if (/^1\d{10}$/.test(keyword)) return 'phone';
  if (/^\d{6,20}$/.test(keyword)) return 'memberNo';
  return 'nickname';
}

/** A regex for names (nicknames, staff names) starting with `prefix`: anchored and case-sensitive, so an index can serve it. */
export function namePrefix(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
}

export interface SearchCursor { memberNo: string; nickname: string }

const toBase64Url = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');

/** `<memberNo>.<nickname base64url>`: where a nickname page ended (pages are in nickname, then member number order). */
export const encodeCursor = (c: SearchCursor) => `${c.memberNo}.${toBase64Url(c.nickname)}`;

export function decodeCursor(cursor: string): SearchCursor {
  const dot = cursor.indexOf('.');
  return { memberNo: cursor.slice(0, dot), nickname: fromBase64Url(cursor.slice(dot + 1)) };
}
