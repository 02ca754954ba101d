export type Role = 'member' | 'clerk' | 'manager' | 'operator' | 'analyst' | 'admin';

export interface LocalIdentity {
  openid: string;
  label: string;
  role: Role;
}

export const ROLE_NAMES: Record<Role, string> = {
  member: '会员',
  clerk: '店员',
  manager: '店长',
  operator: '运营',
  analyst: '数据分析',
  admin: '管理员',
};

/** Demo identities offered by the local cloud (h5 only). */
export async function fetchLocalIdentities(): Promise<LocalIdentity[]> {
  const res = await fetch('/_localcloud/identities');
  if (!res.ok) throw new Error(`identities: HTTP ${res.status}`);
  const list: unknown = await res.json();
  return Array.isArray(list) ? (list as LocalIdentity[]) : [];
}
