import js from '@eslint/js';
import tseslint from 'typescript-eslint';
// The plugins' named `configs` exports are typed as flat configs; their default export's are not.
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      'docs/.vitepress/cache/**',
      'docs/.vitepress/dist/**',
      'docs/examples/**/dist/**',
      'packages/bench/.peers/**',
      '**/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // S6: secrets, recovery codes and tokens come from a CSPRNG only.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use crypto.getRandomValues (S6).' },
      ],
      // S38: the components must run under a strict CSP with Trusted Types.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'No innerHTML (S38).' },
        { selector: "Identifier[name='unsafeHTML']", message: 'No unsafeHTML (S38).' },
      ],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['**/*.test.ts', '**/test/**', 'scripts/**', 'packages/bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
