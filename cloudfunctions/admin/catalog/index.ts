// The console's catalog actions, served by the admin function (see contract/consoleCatalog.ts).
import type { Action } from '../../runtime/handler';
import type { consoleCatalog as contract } from '../../../contract/consoleCatalog';

export const catalogActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
};
