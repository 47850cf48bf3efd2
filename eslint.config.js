// Lint that enforces Parley's architecture as well as its hygiene:
//  - only electron/main/ and electron/preload/ import 'electron';
//  - renderer/ imports neither electron/ code nor Node built-ins, and its imports point down
//    (app/ → features/ → ui/ → grid/);
//  - shared/ is plain TypeScript (no Node, no DOM-only code, no electron);
//  - SQL lives in electron/store/ only.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'https', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'vm', 'worker_threads', 'zlib',
];

// Upper-case SQL statements, as Parley writes them (so UI text such as "Delete 3 parties" is not caught).
const SQL_PATTERN =
  '/^\\s*(SELECT\\s[\\s\\S]*\\bFROM\\b|INSERT\\s+(OR\\s+[A-Z]+\\s+)?INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s|(CREATE|ALTER|DROP)\\s+(TABLE|INDEX|VIRTUAL|TRIGGER|VIEW)\\s|PRAGMA\\s)/';
const noSqlOutsideStore = [
  'error',
  { selector: `Literal[value=${SQL_PATTERN}]`, message: 'SQL belongs in electron/store/ (a repository), nowhere else.' },
  { selector: `TemplateElement[value.raw=${SQL_PATTERN}]`, message: 'SQL belongs in electron/store/ (a repository), nowhere else.' },
];

const noElectron = { name: 'electron', message: "Only electron/main/ and electron/preload/ may import 'electron'." };

const RENDERER_APP = { group: ['**/app/*', '**/app'], message: 'renderer/app/ is the shell; nothing below it imports it.' };
const RENDERER_FEATURES = { group: ['**/features/**'], message: 'renderer/ui/ and renderer/grid/ are shared by every feature and import none.' };
const RENDERER_UI = { group: ['**/ui/*', '**/ui'], message: 'renderer/grid/ is pure AG Grid logic: no components or hooks.' };
/** The renderer's import rule, plus the upward imports a layer of it may not make. */
const rendererImports = (...upward) => [
  'error',
  {
    paths: [noElectron, ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' }))],
    patterns: [
      { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
      { group: ['**/electron/**', '../electron', '../../electron'], message: 'The renderer reaches the service only through renderer/api.ts and the shared contract.' },
      ...upward,
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.cache/**', 'test/e2e/screenshots/**', 'test/.tmp/**', '.scratch*/**', '**/.prof*', '**/.*-tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      'no-restricted-syntax': noSqlOutsideStore,
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/store/**', 'test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': rendererImports() },
  },
  // The renderer's arrows point down: app/ (the shell) → features/ → ui/ → grid/ (pure).
  { files: ['renderer/features/**'], rules: { 'no-restricted-imports': rendererImports(RENDERER_APP) } },
  { files: ['renderer/ui/**'], rules: { 'no-restricted-imports': rendererImports(RENDERER_APP, RENDERER_FEATURES) } },
  { files: ['renderer/grid/**'], rules: { 'no-restricted-imports': rendererImports(RENDERER_APP, RENDERER_FEATURES, RENDERER_UI) } },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is imported by the page too: no Node built-ins.' }))],
          patterns: [
            { group: ['node:*'], message: 'shared/ is imported by the page too: no Node built-ins.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself and zod.' },
          ],
        },
      ],
    },
  },
);
