// Staff roles and what they are called on screen.
import type { StaffRole } from './documents';

export const ROLE_NAMES: Record<StaffRole, string> = { clerk: '店员', manager: '店长', admin: '管理员' };
