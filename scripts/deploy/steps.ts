// One deploy step: which package's call it makes and with what. The planner (plan.ts) makes the ordered list from
// the repository's files; the executor (execute.ts) runs it against miniprogram-ci and @cloudbase/manager-node, each
// step first reading the state it would change so that a second run creates nothing twice.

export type Part = 'database' | 'functions' | 'miniprogram' | 'web';
export const PARTS: readonly Part[] = ['database', 'functions', 'miniprogram', 'web'];

/** @cloudbase/manager-node's index shape (UpdateTable's CreateIndexes): directions are strings. */
export interface CreateIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
}

export interface TimerTrigger { name: string; type: 'timer'; config: string }

export type Step =
  | { part: 'database'; call: 'database.createCollectionIfNotExists'; title: string; args: { collection: string } }
  | { part: 'database'; call: 'database.updateCollection'; title: string; args: { collection: string; CreateIndexes: CreateIndex[] } }
  | {
      // UpdateTable has no sparse flag; a sparse index goes through RunCommands as MongoDB's createIndexes.
      part: 'database'; call: 'database.runCommands'; title: string;
      args: { collection: string; index: { name: string; key: Record<string, number | string>; unique: boolean; sparse: true } };
    }
  | {
      part: 'database'; call: 'permission.modifyResourcePermission'; title: string;
      args: { resourceType: 'collection'; resource: string; permission: 'CUSTOM'; securityRule: string };
    }
  | {
      part: 'functions'; call: 'functions.createFunction'; title: string;
      args: { name: string; runtime: string; timeout: number; functionRootPath: string };
    }
  | {
      part: 'functions'; call: 'ci.cloud.uploadFunction'; title: string;
      args: { env: string; name: string; path: string; remoteNpmInstall: true; appid: string; privateKeyPath: string };
    }
  | {
      part: 'functions'; call: 'functions.updateFunctionConfig'; title: string;
      args: {
        name: string;
        timeout: number;
        /** Set (added to, or replacing, what the function has). */
        envVariables: Record<string, string>;
        /** Not given for this run: the function must already have them (they are kept). */
        keepVariables: string[];
        /** Names whose values are never printed. */
        secretVariables: string[];
      };
    }
  | { part: 'functions'; call: 'functions.createFunctionTriggers'; title: string; args: { name: string; triggers: TimerTrigger[] } }
  | {
      part: 'miniprogram'; call: 'ci.upload'; title: string;
      args: {
        appid: string;
        projectPath: string;
        privateKeyPath: string;
        version: string;
        desc: string;
        robot: number;
        setting: { es6: boolean; minify: boolean; autoPrefixWXSS: boolean };
      };
    }
  /** The web console (the H5 build for this environment, `npm run build:web`) to static hosting, at its root. */
  | { part: 'web'; call: 'hosting.uploadFiles'; title: string; args: { localPath: string; cloudPath: string } };

export type Call = Step['call'];

/** The step's arguments as printed: secret values replaced by their length. */
export function printableArgs(step: Step): Record<string, unknown> {
  if (step.call !== 'functions.updateFunctionConfig') return step.args;
  const { envVariables, secretVariables } = step.args;
  const shown = Object.fromEntries(Object.entries(envVariables).map(([k, v]) =>
    [k, secretVariables.includes(k) ? `<secret, ${v.length} characters>` : v]));
  return { ...step.args, envVariables: shown };
}

export function describeStep(step: Step, index: number, total: number): string {
  return `[${index + 1}/${total}] ${step.title}\n    ${step.call} ${JSON.stringify(printableArgs(step))}`;
}
