// Loyalty rules as configuration. Their types, defaults and checks are one schema, a file per section, in rules/;
// an operator overrides any part through the `config` collection (document `loyalty`), merged over the defaults
// and checked as a whole (rules/overrides.ts). This module is the one the rest of the code imports.
export * from './rules';
export { checkOverrides, configProblems, mergeConfig, storedRules, type ConfigOverrides, type OverrideCheck, type StoredRules } from './rules/overrides';
export { describeProblems, type ConfigProblem } from './rules/problems';
