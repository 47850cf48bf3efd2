/**
 * `parley` command line: the same service the app uses, without a window. Each command parses its
 * flags, makes one call through the service (the contract's validated handlers, or a service
 * method for what is not a call on the open case), and prints the result.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSV_TABLES, DATA_FORMATS, REPORT_FORMATS, type ExportFile } from '../../shared/model/export';
import { ParleyError } from '../../shared/errors';
import { startBridge } from '../bridge/server';
import { writeFileAtomic } from '../exchange/atomic-write';
import { HUB_USAGE, HUB_VALUE_FLAGS, HubUsageError, hubCommand, syncCommand } from './hub-commands';
import { createService, type ParleyService } from '../service/service';
import { printable } from './terminal';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Parley: an offline evidence workbench for negotiations followed through the press.

Usage:
  parley init <case.parley>                 create a new, empty case file
  parley info <case.parley> [--json]        schema version and record counts
  parley web <case.parley> [--port N]       browser mode: serve the workbench on 127.0.0.1
                                            (creates the case if the file does not exist)
  parley import <case.parley> <file|folder>... [--json]
                                            import articles (HTML, MHTML, text, Markdown, PDF,
                                            DOCX, e-mail, RSS/Atom); one JSON line per file with --json
  parley extract <file> [--json]            show what Parley extracts from one file, without a case;
                                            with --json, also what it suggests ("suggestions")
  parley suggest <case.parley> [--document ID]... [--json]
                                            propose parties, attributions and concessions for the
                                            case's documents (or the given ones), pending review
  parley export <case.parley> --format ${[...REPORT_FORMATS, ...DATA_FORMATS].join('|')} --out <path>
               [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--documents id,id] [--sections id,id]
               [--title T] [--analyst A] [--summary S] [--table ${CSV_TABLES.join('|')}]
                                            an annotated report, or the case's data for other tools
  parley search <case.parley> "<query>" [--limit N] [--json]
                                            ranked hits in articles: words, "phrases", prefix*,
                                            AND/OR/NOT, NEAR; one JSON line per hit with --json
  parley merge <case.parley> <bundle>       merge a colleague's bundle: new records added, edits to the
                                            same field keep the later one, clashes listed
  parley check <case.parley> [--repair] [--json]
                                            integrity, schema (objects Parley did not create are named),
                                            foreign keys, full-text index, annotation spans; --repair
                                            backs up, drops those objects, rebuilds the full-text index
  parley backup <case.parley>               take a backup now (into <case>.parley.backups/)
  parley restore <case.parley> [--from <backup.parley>] [--list]
                                            replace the case with its newest (or the given) backup;
                                            the current file is kept as one more backup
${HUB_USAGE}  parley help                               this text
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((arg) => arg.startsWith('--')));
  const args = positional(rest);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'init':
      return init(requireArg(args, 0, 'the case file to create'));
    case 'hub':
      return hubCommand({ args, value: (name) => valueFlag(rest, name), flag: (name) => flags.has(name) });
    case 'sync':
      return syncCommand({ args, value: (name) => valueFlag(rest, name), flag: (name) => flags.has(name) });
    case 'info':
      return info(requireArg(args, 0, 'the case file'), flags.has('--json'));
    case 'web':
      return web(requireArg(args, 0, 'the case file'), portFlag(rest));
    case 'import':
      if (args.length < 2) throw new UsageError('import needs a case file and at least one file or folder');
      return importFiles(args[0]!, args.slice(1), flags.has('--json'));
    case 'extract':
      return extract(requireArg(args, 0, 'the file to extract'), flags.has('--json'));
    case 'suggest':
      return suggestCommand(requireArg(args, 0, 'the case file'), valuesOf(rest, '--document'), flags.has('--json'));
    case 'export':
      return exportCommand(requireArg(args, 0, 'the case file'), rest);
    case 'search':
      return searchCommand(requireArg(args, 0, 'the case file'), requireArg(args, 1, 'the query (quote it)'), rest, flags.has('--json'));
    case 'merge':
      return mergeCommand(requireArg(args, 0, 'the case file'), requireArg(args, 1, 'the bundle to merge'));
    case 'check':
      return check(requireArg(args, 0, 'the case file'), flags.has('--repair'), flags.has('--json'));
    case 'backup':
      return backup(requireArg(args, 0, 'the case file'));
    case 'restore':
      return restore(requireArg(args, 0, 'the case file'), valueFlag(rest, '--from'), flags.has('--list'));
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The service for one command on one case file; automatic backups only where the app takes them. */
async function withCase<T>(path: string, run: (service: ParleyService) => Promise<T>, options: { backups?: boolean } = {}): Promise<T> {
  const service = createService(options.backups ? {} : { backups: { onOpen: false, everyMinutes: 0 } });
  try {
    service.session.open(resolve(path));
    return await run(service);
  } finally {
    await service.dispose();
  }
}

async function init(path: string): Promise<number> {
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  try {
    const created = service.session.create(resolve(path));
    process.stdout.write(`Created case ${printable(created.path)}\n`);
  } finally {
    await service.dispose();
  }
  return 0;
}

async function info(path: string, json: boolean): Promise<number> {
  const { name, path: casePath, schemaVersion, readOnly, counts } = await withCase(path, (service) => service.call('case:info', {}));
  if (json) {
    process.stdout.write(`${JSON.stringify({ path: casePath, name, schemaVersion, readOnly, counts })}\n`);
  } else {
    process.stdout.write(`${printable(name)}  (${printable(casePath)})\nschema version ${schemaVersion}${readOnly ? ', read-only' : ''}\n`);
    for (const [table, count] of Object.entries(counts)) process.stdout.write(`  ${table.padEnd(20)} ${count}\n`);
  }
  return 0;
}

async function web(path: string, port: number | undefined): Promise<number> {
  const casePath = resolve(path);
  const staticDir = resolve(PROJECT_ROOT, 'dist', 'renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new ParleyError('not_found', 'The renderer is not built: run `npm run build` first (npm run web does it for you)');
  }
  const service = createService({ warmImportWorkers: true });
  if (existsSync(casePath)) service.session.open(casePath);
  else service.session.create(casePath);
  const bridge = await startBridge({ service, staticDir, ...(port !== undefined ? { port } : {}) });
  process.stdout.write(
    `Parley is serving ${printable(basename(casePath))} in browser mode.\nOpen this address (it holds this launch's access token):\n\n  ${bridge.launchUrl}\n\nPress Ctrl+C to stop.\n`,
  );
  await new Promise<void>((resolvePromise) => {
    const stop = () => resolvePromise();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await service.dispose();
  return 0;
}

async function importFiles(path: string, inputs: string[], json: boolean): Promise<number> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const counts = { imported: 0, duplicate: 0, skipped: 0, failed: 0 };
  await withCase(
    path,
    (service) =>
      service.importFiles(
        inputs.map((input) => resolve(input)),
        {
          signal: controller.signal,
          onResult: (results, done, total) => {
            for (const result of results) {
              if (result.status === 'imported') counts.imported++;
              else if (result.status === 'duplicate') counts.duplicate++;
              else if (result.status === 'skipped' && result.error?.code !== 'no_article') counts.skipped++;
              else counts.failed++;
              if (json) {
                // A file read without an article counts as an error; a folder entry never opened is "skipped".
                const status = result.status === 'skipped' && result.error?.code === 'no_article' ? 'error' : result.status;
                const line: Record<string, unknown> = { file: result.file, status };
                if (result.label !== basename(result.file)) line.label = result.label;
                if (result.documentId) line.documentId = result.documentId;
                if (result.duplicateOf) line.duplicateOf = result.duplicateOf;
                if (result.nearDuplicateOf) line.nearDuplicateOf = result.nearDuplicateOf;
                if (result.error) line.error = result.error.message;
                process.stdout.write(`${JSON.stringify(line)}\n`);
              } else {
                const reason = result.error ? `: ${printable(result.error.message)}` : result.duplicateOf ? ' (already in the case)' : '';
                process.stdout.write(`${result.status.padEnd(10)} ${printable(result.label)}${reason}  [${done}/${total}]\n`);
              }
            }
          },
        },
      ),
    { backups: true },
  );
  if (!json) process.stderr.write(`${counts.imported} imported, ${counts.duplicate} duplicates, ${counts.skipped ? `${counts.skipped} skipped, ` : ''}${counts.failed} failed\n`);
  return 0;
}

async function extract(file: string, json: boolean): Promise<number> {
  const service = createService();
  try {
    for (const view of await service.previewExtraction(file, { suggestions: json })) {
      if (json) process.stdout.write(`${JSON.stringify(view)}\n`);
      else {
        const meta = [view.byline, view.outlet, view.publishedAt].filter(Boolean).map((part) => printable(part)).join(' · ');
        process.stdout.write(`${printable(view.title ?? '(no title)')}\n${meta}\n\n${printable(view.text, { keepNewlines: true })}\n\n`);
      }
    }
  } finally {
    await service.dispose();
  }
  return 0;
}

async function suggestCommand(path: string, documentIds: string[], json: boolean): Promise<number> {
  const progress = await withCase(path, async (service) => {
    process.once('SIGINT', () => void service.call('suggestion:cancel', {}));
    const stop = service.session.on('suggestion:progressed', (update) => {
      if (!json && update.total > 0) process.stderr.write(`\rsuggesting ${update.done}/${update.total}`);
    });
    try {
      await service.call('suggestion:run', documentIds.length > 0 ? { documentIds } : {});
      const done = await service.suggestions.idle();
      const pending = await service.call('suggestion:counts', {});
      return { ...done, pending: pending.reduce((sum, count) => sum + count.pending, 0) };
    } finally {
      stop();
    }
  });
  if (json) {
    process.stdout.write(`${JSON.stringify({ state: progress.state, documents: progress.done, suggested: progress.suggested, pending: progress.pending, ...(progress.message ? { message: progress.message } : {}) })}\n`);
  } else {
    process.stderr.write('\n');
    process.stdout.write(`${progress.done} documents read, ${progress.suggested} suggestions proposed, ${progress.pending} pending review in the case${progress.message ? ` (${progress.message})` : ''}\n`);
  }
  return progress.state === 'failed' ? 1 : 0;
}

/** A tampered case does not open, so the check works on the file, not through the open case. */
async function check(path: string, repair: boolean, json: boolean): Promise<number> {
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  let report: Awaited<ReturnType<ParleyService['session']['checkFile']>>;
  try {
    report = await service.session.checkFile(resolve(path), { repair });
  } finally {
    await service.dispose();
  }
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const { unexpected, missing, changed } = report.schema;
    const schema = unexpected.length + missing.length + changed.length === 0 ? "as Parley's migrations create it" : `ALTERED (${unexpected.length} unexpected, ${changed.length} changed, ${missing.length} missing)`;
    process.stdout.write(`integrity: ${report.integrity}\nschema: ${schema}\nfull-text index: ${report.ftsConsistent ? 'consistent' : 'INCONSISTENT'}\n`);
    process.stdout.write(`annotation spans: ${report.misplacedSpans} misplaced, ${report.orphanSpans} orphaned (kept, flagged)\n`);
    for (const line of report.repaired) process.stdout.write(`repaired: ${printable(line)}\n`);
    for (const line of report.problems) process.stdout.write(`problem: ${printable(line)}\n`);
    if (report.problems.length === 0) process.stdout.write('No problems found.\n');
  }
  return report.problems.length === 0 ? 0 : 3;
}

async function backup(path: string): Promise<number> {
  const taken = await withCase(path, (service) => service.call('case:backup', {}));
  process.stdout.write(`Backed up to ${printable(taken.path)}\n`);
  return 0;
}

/** Works on a case that does not open (a damaged one is what a backup is for), so not through the open case. */
async function restore(path: string, from: string | undefined, list: boolean): Promise<number> {
  const casePath = resolve(path);
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  try {
    if (list) {
      const backups = service.session.backupsOf(casePath);
      if (backups.length === 0) process.stdout.write(`No backups of ${printable(basename(casePath))}\n`);
      for (const entry of backups) process.stdout.write(`${entry.createdAt}  ${(entry.size / 1024).toFixed(0).padStart(8)} KB  ${printable(entry.path)}\n`);
      return 0;
    }
    const { restoredFrom, keptCurrentAs } = await service.session.restore(casePath, from);
    process.stdout.write(`Restored ${printable(basename(casePath))} from ${printable(restoredFrom)}\n${keptCurrentAs ? `The previous version is kept as ${printable(keptCurrentAs)}\n` : ''}`);
    return 0;
  } finally {
    await service.dispose();
  }
}

async function exportCommand(path: string, rest: string[]): Promise<number> {
  const format = valueFlag(rest, '--format');
  const out = valueFlag(rest, '--out');
  const formats = [...REPORT_FORMATS, ...DATA_FORMATS];
  if (!format) throw new UsageError(`export needs --format (${formats.join(', ')})`);
  if (!out) throw new UsageError('export needs --out <path>');
  const list = (name: string) => valueFlag(rest, name)?.split(',').map((entry) => entry.trim()).filter(Boolean);
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  const scope = { ...optional('from', valueFlag(rest, '--from')), ...optional('to', valueFlag(rest, '--to')), ...optional('documentIds', list('--documents')) };
  const started = Date.now();
  const file = await withCase(path, async (service): Promise<ExportFile> => {
    try {
      if ((REPORT_FORMATS as readonly string[]).includes(format)) {
        return await service.call('report:render', {
          format: format as (typeof REPORT_FORMATS)[number],
          scope,
          ...optional('sections', list('--sections')),
          ...optional('title', valueFlag(rest, '--title')),
          ...optional('analyst', valueFlag(rest, '--analyst')),
          ...optional('summary', valueFlag(rest, '--summary')),
        });
      }
      if ((DATA_FORMATS as readonly string[]).includes(format)) {
        return await service.call('export:data', { format: format as (typeof DATA_FORMATS)[number], scope, ...optional('table', valueFlag(rest, '--table')) });
      }
    } catch (error) {
      // The flags failed the channel's schema: a usage error, named by the field that failed.
      if (error instanceof ParleyError && error.code === 'invalid_input' && error.details) {
        const [field, message] = Object.entries(error.details)[0] ?? ['options', error.message];
        throw new UsageError(`${field}: ${message}`);
      }
      throw error;
    }
    throw new UsageError(`unknown format "${format}"; use one of ${formats.join(', ')}`);
  });
  await writeFileAtomic(resolve(out), Buffer.from(file.dataBase64, 'base64'));
  process.stdout.write(`Wrote ${printable(resolve(out))} (${(file.size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

async function searchCommand(path: string, query: string, rest: string[], json: boolean): Promise<number> {
  const limitFlag = valueFlag(rest, '--limit');
  const limit = limitFlag === undefined ? 20 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit needs a number from 1 to 1000');
  const results = await withCase(path, async (service) => {
    try {
      // Every match ranked: a script wants the true best hits, and waits the few ms more.
      return await service.call('document:search', { query, limit, scope: 'documents', rankAll: true });
    } catch (error) {
      // A malformed query is the caller's to fix: a usage error (exit 2) with the parser's message.
      if (error instanceof ParleyError && error.code === 'invalid_input') throw new UsageError(error.message);
      throw error;
    }
  });
  for (const hit of results.documents) {
    if (json) {
      const { documentId, title, outlet, publishedAt, snippet, start, end } = hit;
      process.stdout.write(`${JSON.stringify({ documentId, title, outlet, publishedAt, snippet, start, end })}\n`);
    } else {
      // Plain text: the matched words in [brackets], as nothing else marks them in a terminal pipe.
      let marked = '';
      let at = 0;
      for (const [from, to] of hit.highlights) {
        marked += `${hit.snippet.slice(at, from)}[${hit.snippet.slice(from, to)}]`;
        at = to;
      }
      marked += hit.snippet.slice(at);
      process.stdout.write(`${hit.title ?? '(no title)'}\n  ${[hit.outlet, hit.publishedAt?.slice(0, 10), hit.documentId].filter(Boolean).join(' · ')}\n  ${marked}\n\n`);
    }
  }
  if (!json) process.stderr.write(`${results.documents.length} hit${results.documents.length === 1 ? '' : 's'}${results.documents.length === limit ? ` (the best ${limit}; --limit shows more)` : ''}\n`);
  return 0;
}

async function mergeCommand(path: string, bundle: string): Promise<number> {
  const result = await withCase(path, (service) => service.call('bundle:merge', { path: resolve(bundle) }));
  process.stdout.write(`Merged ${printable(basename(bundle))}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged\n`);
  for (const conflict of result.conflicts) {
    process.stdout.write(`conflict: ${printable(conflict.aggregate)} ${printable(conflict.id)} ${printable(conflict.field)}: kept ${JSON.stringify(conflict.kept)}, not ${JSON.stringify(conflict.lost)}\n`);
  }
  return 0;
}

function valueFlag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

/** Every value of a flag that may repeat (`--document A --document B`, or `--document A,B`). */
function valuesOf(args: string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    if (arg !== name) return;
    const value = args[index + 1];
    if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    values.push(...value.split(',').map((part) => part.trim()).filter(Boolean));
  });
  return values;
}

const VALUE_FLAGS = new Set(['--document', '--port', '--limit', '--from', '--to', '--format', '--out', '--documents', '--sections', '--title', '--analyst', '--summary', '--table', ...HUB_VALUE_FLAGS]);

function positional(args: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (VALUE_FLAGS.has(arg)) index++;
    else if (!arg.startsWith('--')) result.push(arg);
  }
  return result;
}

function portFlag(args: string[]): number | undefined {
  const index = args.indexOf('--port');
  if (index < 0) return undefined;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port needs a number between 0 and 65535');
  return port;
}

function requireArg(args: string[], index: number, what: string): string {
  const value = args[index];
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

// `parley import … --json | head` closes the pipe early: stop quietly; finished files are stored.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof HubUsageError) {
      process.stderr.write(`parley: ${printable(error.message)}\nRun \`parley help\` for usage.\n`);
      process.exitCode = 2;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`parley: ${printable(message.split('\n')[0])}\n`);
      process.exitCode = 1;
    }
  },
);
