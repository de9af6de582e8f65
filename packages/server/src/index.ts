/**
 * `@totp-gate/server`: the reference enforcement for TOTP Gate. A fetch handler for the REST
 * contract v1, a guard for protected routes, memory and SQLite stores, and a node:http adapter.
 */
export { createTotpService } from './service.js';
export type { TotpService, TotpServiceOptions, TotpActions } from './service.js';
export type { GuardOptions } from './guard.js';
export type { AllowedOrigins } from './origin.js';
export type { Identity, VerifiedHook, VerifiedHookResult } from './context.js';
export type { Answer } from './errors.js';
export { MAX_BODY_BYTES } from './http.js';
export type { AuditEvent, AuditEventType, AuditSink } from './audit.js';
export type { TotpAdmin, AdminReport, AdminUserStatus, SubjectFacts } from './admin.js';
export { createTotpAdmin } from './admin/mount.js';
export type { TotpAdminOptions, TotpAdminMount, AdminAuthorization } from './admin/mount.js';
export { AdminError, isAdminError, MAX_REASON_LENGTH, MAX_EXEMPTION_MS } from './admin/input.js';
export type { AdminAct, AdminErrorKind } from './admin/input.js';
export type { ExemptionGrant } from './admin/changes.js';
export { MAX_PAGE } from './admin/list.js';
export { exportAudit as exportAuditEvents, csvCell, USER_COLUMNS, AUDIT_COLUMNS } from './admin/export.js';
export type { ExportFormat } from './admin/export.js';
export type { FactorImport, ImportOptions, ImportResult } from './admin/import.js';
export type { UsersSource, AuditSource } from './admin/routes.js';
export type {
  DryRunInput,
  DryRunResult,
  DryRunUser,
  Administrators,
  LockoutGuard,
  PolicyCheck,
} from './admin/dry-run.js';
export type { FactsLookup, ListQuery, ListPage } from './admin/list.js';
export { STANDINGS } from './admin/standing.js';
export type { Standing, AdminFacts, AdminUser, AdminExemption, AdminFactor } from './admin/standing.js';
export { encryptionKeyFromEnv, previousKeysFromEnv, EncryptionKeyError, GENERATE_KEY_COMMAND } from './key.js';
export { toNodeHandler } from './node.js';
export type { NodeHandler, NodeHandlerOptions } from './node.js';
export { memoryStore } from './stores/memory.js';
import { sqliteStore as sqliteStoreAtSubpath } from './stores/sqlite.js';
/**
 * @deprecated Import it from `@totp-gate/server/sqlite`, which keeps better-sqlite3 (an optional
 * peer dependency) out of hosts that use another store. This export goes in the next major version.
 */
export const sqliteStore = sqliteStoreAtSubpath;
/** @deprecated Import it from `@totp-gate/server/sqlite`. */
export type { SqliteStoreOptions } from './stores/sqlite.js';
export { emptyUser, StoreUnavailableError, isStoreUnavailable } from './stores/types.js';
/** Seals a base32 secret for `FactorRecord.secret`, as the service does (for importing factors). */
export { sealSecret } from './crypto.js';
export type {
  TotpStore,
  UserRecord,
  SessionRecord,
  FactorRecord,
  PendingRecord,
  UserChange,
  FactorAlgorithm,
  StoredExemption,
} from './stores/types.js';
