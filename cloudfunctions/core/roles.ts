// Staff roles and the one role matrix: which roles may run each staff action, one row per action (`fn.action`). The
// handler refuses every other role (FORBIDDEN) before any input reaches the action; scope within a role (a manager's
// own store, a clerk's own purchases, an operator's adjustment limit) is the action's own rule.
import type { StaffRole } from './documents';

export const STAFF_ROLES = ['clerk', 'manager', 'operator', 'analyst', 'admin'] as const satisfies readonly StaffRole[];

export const ROLE_NAMES: Record<StaffRole, string> = { clerk: '店员', manager: '店长', operator: '运营', analyst: '数据分析', admin: '管理员' };

/** Roles that work a store's till. */
export const TILL_ROLES = ['clerk', 'manager', 'admin'] as const satisfies readonly StaffRole[];
export type TillRole = (typeof TILL_ROLES)[number];

const TILL = TILL_ROLES;
const STORE_MANAGERS = ['manager', 'admin'] as const;
const POINTS = ['manager', 'operator', 'admin'] as const;
const REPORTS = ['manager', 'operator', 'analyst', 'admin'] as const;
const ADMIN = ['admin'] as const;
/** Who may open the operator console (运营后台). */
export const CONSOLE_ROLES = ['manager', 'operator', 'analyst', 'admin'] as const satisfies readonly StaffRole[];
const CONSOLE = CONSOLE_ROLES;
const OPERATIONS = ['operator', 'admin'] as const;
const ANALYSIS = ['operator', 'analyst', 'admin'] as const;

export const ACTION_ROLES = {
  'staff.today': TILL,
  'staff.scanMember': TILL,
  'staff.findMember': TILL,
  'staff.recordPurchase': TILL,
  'staff.requestDeduction': TILL,
  'staff.deduction': TILL,
  'staff.cancelDeduction': TILL,
  'staff.approvals': TILL,
  'staff.decidePurchase': STORE_MANAGERS,
  'staff.undoPurchase': TILL,
  'staff.verifyVoucher': TILL,
  'staff.reverseWriteOff': STORE_MANAGERS,
  'staff.setBirthday': STORE_MANAGERS,
  'staff.cancelRedemption': TILL,
  'staff.adjustPoints': STORE_MANAGERS,
  'staff.settlement': REPORTS,
  'staff.activityCheckin': TILL,
  'admin.getConfig': ['operator', 'analyst', 'admin'],
  'admin.setConfig': ADMIN,
  'admin.adjustPoints': POINTS,
  'admin.audit': ['analyst', 'admin'],
  'admin.adjustmentApprovals': ADMIN,
  'admin.decideAdjustment': ADMIN,
  'admin.session': CONSOLE,
  // rules: preview and history for whoever reads them, rollback for admins (who change them)
  'admin.ruleForm': ['operator', 'analyst', 'admin'],
  'admin.previewConfig': ['operator', 'analyst', 'admin'],
  'admin.configHistory': ['operator', 'analyst', 'admin'],
  'admin.rollbackConfig': ADMIN,
  // members
  'admin.searchMembers': CONSOLE,
  'admin.memberDetail': CONSOLE,
  'admin.memberLedger': CONSOLE,
  'admin.freezeMember': OPERATIONS,
  'admin.addMemberNote': ['manager', 'operator', 'admin'],
  'admin.cancelMemberRedemption': OPERATIONS,
  'admin.reissueVoucher': OPERATIONS,
  'admin.shipments': OPERATIONS,
  'admin.updateShipment': OPERATIONS,
  // the catalog: mall items, stores, activities, channels
  'catalog.listItems': CONSOLE,
  'catalog.saveItem': OPERATIONS,
  'catalog.uploadItemImage': OPERATIONS,
  'catalog.setItemPublished': OPERATIONS,
  'catalog.adjustStock': OPERATIONS,
  'catalog.listStores': CONSOLE,
  'catalog.saveStore': OPERATIONS,
  'catalog.listActivities': CONSOLE,
  'catalog.saveActivity': OPERATIONS,
  'catalog.listChannels': ADMIN,
  'catalog.createChannel': ADMIN,
  'catalog.rotateChannelSecret': ADMIN,
  'catalog.setChannelActive': ADMIN,
  'catalog.unclaimedOrders': CONSOLE,
  'catalog.stageTransitions': ANALYSIS,
  // staff and the audit log
  'admin.listStaff': ADMIN,
  'admin.inviteStaff': ADMIN,
  'admin.listInvitations': ADMIN,
  'admin.revokeInvitation': ADMIN,
  'admin.updateStaff': ADMIN,
  'admin.auditLog': ADMIN,
  // the web console's sign-in: any staff member sees the request they scanned (a clerk is told why not); the
  // console's roles confirm it (core/webLogin.ts)
  'admin.webLoginRequest': STAFF_ROLES,
  'admin.confirmWebLogin': CONSOLE,
  // migration from a legacy system: admins only (it credits balances and tiers in bulk, beyond any adjustment limit)
  'migration.createJob': ADMIN,
  'migration.uploadPart': ADMIN,
  'migration.step': ADMIN,
  'migration.job': ADMIN,
  'migration.issues': ADMIN,
  'migration.listJobs': ADMIN,
  // the nightly statistics snapshot
  'stats.snapshots': ANALYSIS,
  'stats.cohorts': ANALYSIS,
  // segments and tags: operations write, analysts read; staff tag a member at the till (a manual tag only)
  'segments.list': ANALYSIS,
  'segments.get': ANALYSIS,
  'segments.preview': ANALYSIS,
  'segments.save': OPERATIONS,
  'segments.archive': OPERATIONS,
  'segments.tags': ANALYSIS,
  'segments.tagMembers': OPERATIONS,
  'segments.memberTags': STAFF_ROLES,
  'segments.tagMember': ['clerk', 'manager', 'operator', 'admin'],
  // marketing automation: rules for operations (read by analysts), follow-up tasks worked at the till, reported in the console
  'automation.listRules': ANALYSIS,
  'automation.saveRule': OPERATIONS,
  'automation.setRuleStatus': OPERATIONS,
  'automation.dryRun': ANALYSIS,
  'automation.runs': ANALYSIS,
  'automation.tasks': TILL,
  'automation.recordTaskOutcome': TILL,
  'automation.taskReport': REPORTS,
  // experiments (A/B tests of points strategies): operations write and start/stop, analysts read, plan and analyse
  'experiments.list': ANALYSIS,
  'experiments.get': ANALYSIS,
  'experiments.save': OPERATIONS,
  'experiments.start': OPERATIONS,
  'experiments.stop': OPERATIONS,
  'experiments.plan': ANALYSIS,
  'experiments.analyse': ANALYSIS,
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffActionKey = keyof typeof ACTION_ROLES;

export const rolesFor = (key: string): readonly StaffRole[] | undefined => (ACTION_ROLES as Record<string, readonly StaffRole[]>)[key];

export const isTillRole = (role: StaffRole): role is TillRole => (TILL_ROLES as readonly StaffRole[]).includes(role);

/** The console's sections, each opened by one action: a role sees a section when the matrix lets it run that action. */
export const CONSOLE_SECTIONS = {
  members: 'admin.searchMembers',
  catalog: 'catalog.listItems',
  channels: 'catalog.listChannels',
  staff: 'admin.listStaff',
  rules: 'admin.getConfig',
  audit: 'admin.auditLog',
  settlement: 'staff.settlement',
  shipments: 'admin.shipments',
  migration: 'migration.listJobs',
  unclaimed: 'catalog.unclaimedOrders',
  insight: 'stats.snapshots',
  segments: 'segments.list',
  tags: 'segments.tags',
  experiments: 'experiments.list',
  automation: 'automation.listRules',
} as const satisfies Record<string, StaffActionKey>;

export type ConsoleSection = keyof typeof CONSOLE_SECTIONS;

export const sectionsFor = (role: StaffRole): ConsoleSection[] =>
  (Object.keys(CONSOLE_SECTIONS) as ConsoleSection[]).filter((s) => (rolesFor(CONSOLE_SECTIONS[s]) ?? []).includes(role));

/** Every staff action the matrix lets `role` run. */
export const actionsFor = (role: StaffRole): StaffActionKey[] =>
  (Object.keys(ACTION_ROLES) as StaffActionKey[]).filter((k) => (ACTION_ROLES[k] as readonly StaffRole[]).includes(role));
