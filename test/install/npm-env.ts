// npm as the install tests run it: a warm npm cache (after `npm ci`) is used first, the registry
// only for what it lacks. Install scripts are skipped: the one that matters, better-sqlite3's
// native build, takes minutes on two cores; the getting-started app keeps its state in memory
// (better-sqlite3 loads its binary only when a SQLite store opens) and the CLI test links the
// workspace's built copy. Audit and funding notices are off.
export const NPM_ENV = {
  npm_config_prefer_offline: 'true',
  npm_config_ignore_scripts: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
} as const;
