// Type-checks every recipe and snippet under docs/examples and builds the recipes whose
// framework builds with Vite (plain, React, Vue, Svelte, the getting-started app) with the repository's Vite 8, into
// ignored dist folders. Angular and the server recipes are type-checked only (the server recipes
// run in docs/test/recipes.test.ts). The pages include these files, so a snippet that stops
// compiling fails here. The TypeScript files are checked as two programs (Node and bundler
// resolution, examples/tsconfig.node.json and tsconfig.bundler.json) rather than one per folder,
// two checks at a time: each program pays for parsing lib and @types once.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const require = createRequire(import.meta.url);
/** @type {(pkg: string, file: string) => string} */
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const TSC = bin('typescript', 'bin/tsc');
const VUE_TSC = bin('vue-tsc', 'bin/vue-tsc.js');
const SVELTE_CHECK = bin('svelte-check', 'bin/svelte-check');

/** @typedef {[name: string, command: string, args: string[]]} Check */

/** Every one must exit 0. @type {Check[]} */
const CHECKS = [
  [
    'server examples, getting-started app, plain, adapters, better-auth: tsc',
    TSC,
    ['-p', join(examples, 'tsconfig.node.json')],
  ],
  [
    'React, Angular, snippets, server recipes (Fastify, Koa, Hono, fetch, Next.js): tsc',
    TSC,
    ['-p', join(examples, 'tsconfig.bundler.json')],
  ],
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
];
const PARALLEL = 2;
const BUILDS = ['plain', 'react', 'vue', 'svelte', 'app'];

let failed = 0;
/**
 * Runs one check, its output printed in one piece when it ends so parallel checks do not interleave.
 * @param {Check} check
 * @returns {Promise<void>}
 */
function run([name, command, args]) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => {
      const ok = status === 0;
      if (!ok) failed++;
      if (output.trim() && !ok) process.stdout.write(output);
      console.log(`${ok ? '✔' : '✘'} ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      resolve();
    });
  });
}

const queue = [...CHECKS];
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    for (let check = queue.shift(); check; check = queue.shift()) await run(check);
  }),
);

// Vite 8 from the repository root (VitePress uses its own Vite 5 for the site itself).
const { build } = await import('vite');
for (const recipe of BUILDS) {
  const started = performance.now();
  /** @type {string[]} */
  const warnings = [];
  try {
    // The getting-started app has no config file: it builds with `npx vite build` as it stands.
    const config =
      recipe === 'app'
        ? { configFile: /** @type {const} */ (false), root: join(examples, 'app') }
        : { configFile: join(examples, recipe, 'vite.config.ts') };
    await build({
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
