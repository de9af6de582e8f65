// `npm run docs:build`: builds the site with VitePress and fails on any warning, not only on
// errors. VitePress already fails on dead links; this also catches Vite/Rollup warnings (a
// missing asset, a circular chunk, an oversized bundle) and Vue warnings during pre-rendering.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const docs = fileURLToPath(new URL('..', import.meta.url));
const vitepress = join(dirname(fileURLToPath(import.meta.resolve('vitepress/package.json'))), 'bin', 'vitepress.js');
// Warnings, Rollup notices ("(!)", "cannot interpret"), dead links, and errors VitePress logs
// while pre-rendering a page without failing the build.
const WARNING =
  /\bwarn(ing)?\b|\(!\)|dead link|cannot interpret|could not (?:resolve|load)|\bdeprecat|^\s*\w*Error\b|\berror\b:|\[vue\]/i;

const started = performance.now();
const child = spawn(process.execPath, [vitepress, 'build', '.'], {
  cwd: docs,
  env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});

/** @type {string[]} */
const warnings = [];
/**
 * @param {import('node:stream').Readable} stream
 * @param {NodeJS.WriteStream} out
 */
function watch(stream, out) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ chunk) => {
    out.write(chunk);
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (WARNING.test(line)) warnings.push(line.trim());
  });
  stream.on('end', () => {
    if (rest && WARNING.test(rest)) warnings.push(rest.trim());
  });
}
watch(child.stdout, process.stdout);
watch(child.stderr, process.stderr);

child.on('close', (code) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`\ndocs:build failed (exit ${code}) after ${seconds} s.`);
    process.exit(code ?? 1);
  }
  if (warnings.length) {
    console.error(`\ndocs:build produced ${warnings.length} warning(s); the build must be warning-free:`);
    for (const w of warnings) console.error(`  ${w}`);
    process.exit(1);
  }
  console.log(`\ndocs:build: built with no warnings and no dead links in ${seconds} s.`);
});
