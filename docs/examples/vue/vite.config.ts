import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  plugins: [
    vue({
      template: {
        // Leave <totp-*> to the browser's custom element registry instead of resolving Vue components.
        compilerOptions: { isCustomElement: (tag) => tag.startsWith('totp-') },
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true },
});
