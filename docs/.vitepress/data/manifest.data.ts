/**
 * Build-time data for the components' API tables, from the elements package's
 * `custom-elements.json` (made by `npm run build -w @totp-gate/elements`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineLoader } from 'vitepress';
import { documentedApis, type CustomElementsManifest, type ElementApi } from './manifest.js';

declare const data: Record<string, ElementApi>;
export { data };

const manifestPath = fileURLToPath(new URL('../../../packages/elements/custom-elements.json', import.meta.url));

export default defineLoader({
  watch: ['../../../packages/elements/custom-elements.json'],
  load(): Record<string, ElementApi> {
    let source: string;
    try {
      source = readFileSync(manifestPath, 'utf8');
    } catch {
      throw new Error(`${manifestPath} is missing. Run \`npm run build -w @totp-gate/elements\` first.`);
    }
    return documentedApis(JSON.parse(source) as CustomElementsManifest);
  },
});
