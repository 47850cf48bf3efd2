/**
 * `parley hub …` and `parley sync`: thin adapters over the service's hub methods (parse → one
 * call → print). The password comes from the URL, PGPASSWORD or ~/.pgpass; TLS from `sslmode`.
 */
import { resolve } from 'node:path';
import { HUB_ACCESS, type HubAccess } from '../hub/hub';
import type { SyncResult } from '../hub/sync';
import { printable } from './terminal';
import { createService, type ParleyService } from '../service/service';

export const HUB_USAGE = `  parley hub init <postgres-url>           set up (or upgrade) a team hub in that database
  parley hub share <case.parley> --hub <postgres-url> [--as <analyst>]
                                            publish the case on the hub; prints its case id
  parley hub clone <postgres-url> <case-id> <new.parley> [--as <analyst>]
                                            a working copy of a shared case
  parley hub members <postgres-url> <case-id> [--json]
                                            who the case is shared with
  parley hub add-member <postgres-url> <case-id> <role> --name <analyst> [--access editor|reader|owner]
                                            share the case with an analyst's PostgreSQL role
  parley sync <case.parley> [--json]        push this case's changes, pull everyone else's;
                                            prints operations pushed, pulled and clashes
`;

export const HUB_VALUE_FLAGS = ['--hub', '--as', '--name', '--access', '--page-size'];

export class HubUsageError extends Error {}

interface Parsed {
  args: string[];
  value(name: string): string | undefined;
  flag(name: string): boolean;
}

export async function hubCommand(parsed: Parsed): Promise<number> {
  const [sub, ...args] = parsed.args;
  const need = (index: number, what: string) => {
    const value = args[index];
    if (!value) throw new HubUsageError(`hub ${sub ?? ''} needs ${what}`);
    return value;
  };
  switch (sub) {
    case 'init': {
      const result = await withService((service) => service.hub.init(need(0, 'a postgres:// URL')));
      process.stdout.write(
        result.applied.length > 0
          ? `Hub ready (schema ${result.to}; applied ${result.applied.join(', ')}), administered by ${printable(result.role)}.\nAdd analysts with: CREATE ROLE <name> LOGIN PASSWORD '…' IN ROLE parley_analyst;\n`
          : `Hub already up to date (schema ${result.to}).\n`,
      );
      return 0;
    }
    case 'share': {
      const url = parsed.value('--hub');
      if (!url) throw new HubUsageError('hub share needs --hub <postgres-url>');
      const result = await withService(
        (service) => service.hub.share({ url, ...optional('analystName', parsed.value('--as')) }),
        need(0, 'the case file'),
      );
      process.stdout.write(`${result.caseId}\n`);
      process.stderr.write(`Shared: ${result.pushed} operations pushed, ${result.blobsPushed} originals uploaded.\n`);
      return 0;
    }
    case 'clone': {
      const url = need(0, 'a postgres:// URL');
      const caseId = need(1, 'the case id');
      const path = resolve(need(2, 'the new case file'));
      const result = await withService((service) => service.hub.clone({ url, caseId, path, ...optional('analystName', parsed.value('--as')) }));
      process.stdout.write(`Cloned into ${printable(result.path)}: ${result.pulled} operations pulled, ${result.clashes} clashes.\n`);
      return 0;
    }
    case 'members': {
      const members = await withService((service) => service.hub.members(need(0, 'a postgres:// URL'), need(1, 'the case id')));
      if (parsed.flag('--json')) process.stdout.write(`${JSON.stringify(members)}\n`);
      else for (const member of members) process.stdout.write(`${printable(member.role).padEnd(20)} ${member.access.padEnd(7)} ${printable(member.displayName)}\n`);
      return 0;
    }
    case 'add-member': {
      const access = (parsed.value('--access') ?? 'editor') as HubAccess;
      if (!HUB_ACCESS.includes(access)) throw new HubUsageError(`--access must be one of ${HUB_ACCESS.join(', ')}`);
      const role = need(2, "the analyst's PostgreSQL role");
      const member = await withService((service) =>
        service.hub.addMember(need(0, 'a postgres:// URL'), need(1, 'the case id'), { role, displayName: parsed.value('--name') ?? role, access }),
      );
      process.stdout.write(`${printable(member.role)} is now ${member.access === 'reader' ? 'a reader' : `an ${member.access}`} of the case, as ${printable(member.displayName)}.\n`);
      return 0;
    }
    default:
      throw new HubUsageError(`unknown hub command "${sub ?? ''}"; use init, share, clone, members or add-member`);
  }
}

export async function syncCommand(parsed: Parsed): Promise<number> {
  const path = parsed.args[0];
  if (!path) throw new HubUsageError('sync needs the case file');
  const json = parsed.flag('--json');
  const pageSize = parsed.value('--page-size') ? Number(parsed.value('--page-size')) : undefined;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new HubUsageError('--page-size needs a positive number');
  const result: SyncResult = await withService(
    (service) =>
      service.hub.sync({
        ...(pageSize ? { pageSize } : {}),
        // Progress goes to stderr, so `--json` output stays one line.
        onProgress: (progress) => process.stderr.write(`${progress.phase === 'push' ? 'pushed' : 'pulled'} ${progress.done}\n`),
      }),
    path,
  );
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`Synced: ${result.pushed} pushed, ${result.pulled} pulled, ${result.clashes} clashes${result.notPushed ? ` (${result.notPushed} local changes not pushed: you are a reader of this case)` : ''}.\n`);
  }
  return 0;
}

async function withService<T>(run: (service: ParleyService) => Promise<T>, casePath?: string): Promise<T> {
  const service = createService({ backups: { onOpen: false, everyMinutes: 0 } });
  try {
    if (casePath) service.session.open(resolve(casePath));
    return await run(service);
  } finally {
    await service.dispose();
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
