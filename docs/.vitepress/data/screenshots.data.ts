/**
 * The screenshots under `docs/public/screenshots/` (taken by the demo's and the elements'
 * end-to-end tests), listed at build time so the gallery shows whatever is there.
 */
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineLoader } from 'vitepress';

/** One screenshot, with the public URL and a caption made from its file name. */
export interface Screenshot {
  src: string;
  caption: string;
  scheme: 'light' | 'dark' | null;
  group: string;
}

declare const data: Screenshot[];
export { data };

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

/** `enroll-step-dark.png` → caption "Enroll step", scheme "dark". */
export function describeScreenshot(file: string): Omit<Screenshot, 'src' | 'group'> {
  const name = basename(file).replace(/\.(png|jpe?g|webp)$/i, '');
  const scheme = /(^|[-_.])dark($|[-_.])/i.test(name) ? 'dark' : /(^|[-_.])light($|[-_.])/i.test(name) ? 'light' : null;
  const words = name
    .replace(/(^|[-_.])(dark|light)(?=$|[-_.])/gi, '')
    .replace(/^\d+[-_.]?/, '')
    .split(/[-_.]+/)
    .filter(Boolean)
    .join(' ');
  return { caption: words.charAt(0).toUpperCase() + words.slice(1), scheme };
}

export default defineLoader({
  watch: ['../../public/screenshots/**/*.{png,jpg,jpeg,webp}'],
  load(files: string[]): Screenshot[] {
    return files.map((file) => {
      const path = relative(publicDir, file).split('\\').join('/');
      const parts = path.split('/');
      return {
        src: `/${path}`,
        group: parts.length > 2 ? parts[1]! : 'screenshots',
        ...describeScreenshot(file),
      };
    });
  },
});
