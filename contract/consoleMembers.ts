// The operator console's members actions (function `admin`); composed into contract/admin.ts.
import { action } from './action';

export const consoleMembers = {
} satisfies Record<string, ReturnType<typeof action>>;
