// The real tools behind the executor's API surfaces: miniprogram-ci and @cloudbase/manager-node, loaded only when a
// step needs them (a dry run loads neither).
import type { CiApi, ManagerApi, Tools } from './execute';
import type { DeployOptions } from './options';

export function realTools(options: DeployOptions): Tools {
  let ci: CiApi | undefined;
  let manager: ManagerApi | undefined;
  return {
    ci() {
      if (!ci) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mp = require('miniprogram-ci') as typeof import('miniprogram-ci');
        ci = {
          project: (o) => new mp.Project(o),
          upload: (o) => mp.upload({ ...o, project: o.project as InstanceType<typeof mp.Project>, onProgressUpdate: o.onProgressUpdate ?? (() => undefined) }),
          uploadFunction: (o) => mp.cloud.uploadFunction({ ...o, project: o.project as InstanceType<typeof mp.Project> }),
        };
      }
      return ci;
    },
    manager() {
      if (!manager) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const CloudBase = require('@cloudbase/manager-node') as typeof import('@cloudbase/manager-node');
        const app = new CloudBase({
          secretId: options.secretId, secretKey: options.secretKey, token: options.sessionToken, envId: options.env,
        });
        const { database, functions, permission, hosting } = app;
        manager = {
          database: {
            createCollectionIfNotExists: (name) => database.createCollectionIfNotExists(name),
            describeCollection: (name) => database.describeCollection(name),
            updateCollection: (name, info) => database.updateCollection(name, info as Parameters<typeof database.updateCollection>[1]),
            runCommands: (o) => database.runCommands(o),
          },
          permission: {
            describeResourcePermission: (o) => permission.describeResourcePermission(o),
            modifyResourcePermission: (o) => permission.modifyResourcePermission(o),
          },
          functions: {
            getFunctionDetail: (name) => functions.getFunctionDetail(name),
            createFunction: (p) => functions.createFunction(p),
            updateFunctionConfig: (f) => functions.updateFunctionConfig(f),
            createFunctionTriggers: (name, triggers) => functions.createFunctionTriggers(name, triggers),
            deleteFunctionTrigger: (name, triggerName) => functions.deleteFunctionTrigger(name, triggerName),
            waitFunctionActive: (name) => functions.waitFunctionActive(name),
          },
          hosting: {
            getInfo: () => hosting.getInfo(),
            uploadFiles: (o) => hosting.uploadFiles(o),
          },
        };
      }
      return manager;
    },
  };
}
