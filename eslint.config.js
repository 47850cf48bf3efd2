// Lint that enforces Parley's architecture as well as its hygiene:
//  - only electron/main/ and electron/preload/ import 'electron';
//  - one door to a case: only electron/store/ imports better-sqlite3, touches a `.db` handle or
//    writes SQL; electron/cli/, electron/bridge/ and electron/main/ import neither the store nor
//    ingest (they go through the service), and main takes nothing from the bridge;
//  - layers point down: the store knows no service, exchange, report or ingest; the service no
//    transport; reports are pure (no store, service or ingest); the preload imports only the names
//    in shared/channels.ts;
//  - renderer/ imports neither electron/ code nor Node built-ins, and its imports point down
//    (app/ → features/ → ui/ → grid/): renderer/ui/ imports no feature;
//  - shared/ is plain TypeScript (no Node, no DOM-only code, no electron);
//  - SQL for PostgreSQL lives in electron/hub/ (the team-hub client), every statement parameterised.
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
const STORE_ONLY = 'SQL and the database handle belong in electron/store/ (a repository), nowhere else.';
const storeOnlySyntax = [
  'error',
  { selector: `Literal[value=${SQL_PATTERN}]`, message: STORE_ONLY },
  { selector: `TemplateElement[value.raw=${SQL_PATTERN}]`, message: STORE_ONLY },
  { selector: "MemberExpression[computed=false][property.name='db']", message: STORE_ONLY },
  { selector: "MemberExpression[computed=true][property.value='db']", message: STORE_ONLY },
];

const noElectron = { name: 'electron', message: "Only electron/main/ and electron/preload/ may import 'electron'." };
const noSqlite = { name: 'better-sqlite3', message: STORE_ONLY };
const noRawDatabase = { group: ['**/store/raw-database'], message: 'The raw database handle is for tests; the app goes through the repositories.' };
const layer = (folder, message) => ({ group: [`**/${folder}`, `**/${folder}/**`], message });
const THROUGH_SERVICE = 'Go through the service (createService: call, session, importFiles, previewExtraction): it is the one door to a case.';

/** One no-restricted-imports rule per folder: a later config replaces an earlier one, so each lists all it needs. */
const restrictImports = ({ paths = [], patterns = [] }) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

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
      ...restrictImports({ paths: [noElectron, noSqlite], patterns: [noRawDatabase] }),
      'no-restricted-syntax': storeOnlySyntax,
    },
  },
  {
    files: ['electron/store/**'],
    rules: {
      'no-restricted-syntax': 'off',
      ...restrictImports({
        paths: [noElectron],
        patterns: ['service', 'exchange', 'report', 'ingest', 'bridge', 'main', 'cli'].map((folder) =>
          layer(folder, 'The store is the bottom layer: it knows rows and transactions, not who calls it.'),
        ),
      }),
    },
  },
  {
    // The team hub's PostgreSQL schema and queries.
    files: ['electron/hub/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests set up damaged files and old schemas with raw SQL, and read rows to compare them.
    files: ['test/**'],
    rules: { 'no-restricted-syntax': 'off', ...restrictImports({ paths: [noElectron] }) },
  },
  {
    files: ['electron/main/**'],
    rules: restrictImports({
      paths: [noSqlite],
      patterns: [
        layer('store', THROUGH_SERVICE),
        layer('ingest', THROUGH_SERVICE),
        layer('bridge', 'The shell and the bridge are siblings: share code through shared/ or electron/service/.'),
        noRawDatabase,
      ],
    }),
  },
  {
    // Sandboxed and loaded in every window: Electron, the names in shared/channels.ts and its own folder, nothing else (no zod).
    files: ['electron/preload/**'],
    rules: restrictImports({
      patterns: [{ regex: '^(?!electron$|\\.\\./\\.\\./shared/channels$|\\./)', message: 'The preload imports only Electron, shared/channels.ts and its own folder.' }],
    }),
  },
  {
    // The CLI and the loopback bridge are adapters too: parse, one call through the service, present.
    files: ['electron/cli/**', 'electron/bridge/**'],
    rules: restrictImports({ paths: [noElectron, noSqlite], patterns: [layer('store', THROUGH_SERVICE), layer('ingest', THROUGH_SERVICE), noRawDatabase] }),
  },
  {
    files: ['electron/service/**'],
    rules: restrictImports({
      paths: [noElectron, noSqlite],
      patterns: [...['main', 'preload', 'bridge', 'cli'].map((folder) => layer(folder, 'The service knows no transport: its callers adapt to it.')), noRawDatabase],
    }),
  },
  {
    files: ['electron/report/**'],
    rules: restrictImports({
      paths: [noElectron, noSqlite],
      patterns: ['store', 'service', 'ingest', 'exchange'].map((folder) => layer(folder, 'Reports are pure: the service hands them a read model (ReportData); they load nothing.')),
    }),
  },
  {
    files: ['electron/exchange/**'],
    rules: restrictImports({
      paths: [noElectron, noSqlite],
      patterns: [...['service', 'ingest', 'report'].map((folder) => layer(folder, 'Exchange reads and writes a case through the store’s read model and row API only.')), noRawDatabase],
    }),
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
    rules: restrictImports({
      paths: [noElectron, ...NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is imported by the page too: no Node built-ins.' }))],
      patterns: [
        { group: ['node:*'], message: 'shared/ is imported by the page too: no Node built-ins.' },
        { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself and zod.' },
      ],
    }),
  },
);
