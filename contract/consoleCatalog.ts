// The operator console's catalog actions (function `admin`); composed into contract/admin.ts.
import { action } from './action';

export const consoleCatalog = {
} satisfies Record<string, ReturnType<typeof action>>;
