import type { Output, ParsedInput } from '../../../contract';
import { actionsFor, ROLE_NAMES, sectionsFor } from '../../core/roles';
import type { StaffContext } from '../../runtime/handler';
import { storeNames } from './views';

/** Who is at the console, and the sections the role matrix opens to them. */
export async function session({ db, staff }: StaffContext<ParsedInput<'admin', 'session'>>): Promise<Output<'admin', 'session'>> {
  const stores = staff.storeId ? await storeNames(db) : new Map<string, string>();
  return {
    openid: staff.openid, name: staff.name, role: staff.role, roleName: ROLE_NAMES[staff.role], storeId: staff.storeId,
    storeName: staff.storeId ? stores.get(staff.storeId) ?? null : null, sections: sectionsFor(staff.role), actions: actionsFor(staff.role),
  };
}
