// Browser tests for core and elements, in Debian's Chromium (never a downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);
const executablePath = findChromium();

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  groups: [
    { name: 'core', files: 'packages/core/src/**/*.test.ts' },
    { name: 'elements', files: 'packages/elements/src/**/*.test.ts' },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    commonjs({
      include: [
        '**/node_modules/qrcode/**',
        '**/node_modules/dijkstrajs/**',
        '**/node_modules/pngjs/**',
        '**/node_modules/jsqr/**',
      ],
    }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
  ],
};
