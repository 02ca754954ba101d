import { onSessionReset } from '../store/session';
import { openPage } from './navigation';

// Staff open the mini-program where they work: clerks and managers on the store workbench, operators, analysts and
// admins on the console (运营后台). Once per launch (and per identity), so 返回 brings them to their member card.
export const WORKBENCH_URL = '/packages/staff/index/index';
export const CONSOLE_URL = '/packages/admin/index/index';

const TILL_ROLES = ['clerk', 'manager', 'admin'];
const CONSOLE_ROLES = ['manager', 'operator', 'analyst', 'admin'];
const LANDS_ON_CONSOLE = ['operator', 'analyst', 'admin'];

export const worksTill = (role: string | null | undefined) => !!role && TILL_ROLES.includes(role);
export const usesConsole = (role: string | null | undefined) => !!role && CONSOLE_ROLES.includes(role);

let landed = false;
onSessionReset(() => {
  landed = false;
});

export function landStaff(role: string | null | undefined): void {
  if (landed || !role) return;
  landed = true;
  void openPage(LANDS_ON_CONSOLE.includes(role) ? CONSOLE_URL : WORKBENCH_URL);
}
