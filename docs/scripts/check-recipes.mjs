// Type-checks every recipe and snippet under docs/examples and builds the recipes whose
// framework builds with Vite (plain, React, Vue, Svelte, the getting-started app) with the repository's Vite 8, into
// ignored dist folders. Angular is type-checked only. The pages include these files, so a
// snippet that stops compiling fails here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const TSC = bin('typescript', 'bin/tsc');
const VUE_TSC = bin('vue-tsc', 'bin/vue-tsc.js');
const SVELTE_CHECK = bin('svelte-check', 'bin/svelte-check');

/** [name, command, args] run in order; every one must exit 0. */
const CHECKS = [
  ['plain: tsc (checkJs)', TSC, ['-p', join(examples, 'plain/tsconfig.json')]],
  ['react: tsc', TSC, ['-p', join(examples, 'react/tsconfig.json')]],
  ['vue: vue-tsc', VUE_TSC, ['-p', join(examples, 'vue/tsconfig.json')]],
  [
    'svelte: svelte-check',
    SVELTE_CHECK,
    [
      '--workspace',
      join(examples, 'svelte'),
      '--tsconfig',
      './tsconfig.json',
      '--fail-on-warnings',
      '--output',
      'human',
    ],
  ],
  ['angular: tsc', TSC, ['-p', join(examples, 'angular/tsconfig.json')]],
  ['server examples: tsc', TSC, ['-p', join(examples, 'server/tsconfig.json')]],
  ['getting-started app: tsc (checkJs)', TSC, ['-p', join(examples, 'app/tsconfig.json')]],
  ['snippets: tsc', TSC, ['-p', join(examples, 'snippets/tsconfig.json')]],
  ['adapter sketches: tsc', TSC, ['-p', join(examples, 'adapters/tsconfig.json')]],
  ['better-auth examples: tsc', TSC, ['-p', join(examples, 'better-auth/tsconfig.json')]],
];
const BUILDS = ['plain', 'react', 'vue', 'svelte', 'app'];

let failed = 0;
function run(name, command, args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [command, ...args], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds} s)`);
}

for (const [name, command, args] of CHECKS) run(name, command, args);

// Vite 8 from the repository root (VitePress uses its own Vite 5 for the site itself).
const { build } = await import('vite');
for (const recipe of BUILDS) {
  const started = performance.now();
  const warnings = [];
  try {
    // The getting-started app has no config file: it builds with `npx vite build` as it stands.
    const config = recipe === 'app' ? { configFile: false, root: join(examples, 'app') } : {};
    await build({
      configFile: join(examples, recipe, 'vite.config.ts'),
      ...config,
      logLevel: 'warn',
      customLogger: undefined,
      build: {
        rollupOptions: {
          onwarn(warning) {
            warnings.push(String(warning.message ?? warning));
          },
        },
      },
    });
    if (warnings.length) throw new Error(`warnings:\n  ${warnings.join('\n  ')}`);
    console.log(`✔ ${recipe}: vite build (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`✘ ${recipe}: vite build: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (failed) {
  console.error(`\n${failed} recipe check(s) failed.`);
  process.exit(1);
}
console.log('\nEvery recipe type-checks and builds.');
