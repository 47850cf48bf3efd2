/**
 * Every name that crosses the boundary between the page and the service, without schemas: the
 * contract's channels (`aggregate:verb`), its push events (`aggregate:past-tense`) and the desktop
 * shell's commands. The sandboxed preload imports only this module, so its bundle stays tiny and
 * zod-free; shared/contract.ts is typed against these lists with `satisfies`, so a channel or event
 * named in one place and not the other is a compile error.
 */
export const CHANNELS = [
  'case:info',
  'case:check',
  'case:backup',
  'case:backups',
  'case:restore',
  'document:list',
  'document:get',
  'document:original',
  'document:update',
  'document:delete',
  'document:search',
  'document:bulk-delete',
  'party:list',
  'party:create',
  'party:update',
  'party:delete',
  'party:bulk-update',
  'party:merge',
  'party:bulk-delete',
  'source:list',
  'source:create',
  'source:update',
  'source:delete',
  'source:bulk-update',
  'source:bulk-delete',
  'issue-area:list',
  'issue-area:create',
  'issue-area:update',
  'concession:list',
  'concession:create',
  'concession:update',
  'concession:delete',
  'concession:set-stance',
  'concession:bulk-update',
  'concession:bulk-delete',
  'annotation:list',
  'annotation:get',
  'annotation:create',
  'annotation:update',
  'annotation:bulk-update',
  'annotation:delete',
  'annotation:bulk-delete',
  'stance:matrix',
  'stance:evidence',
  'stance:export',
  'timeline:events',
  'corroboration:report',
  'plan:list',
  'plan:create',
  'plan:update',
  'plan:delete',
  'plan:add-version',
  'plan:version',
  'plan:delete-version',
  'plan:add-point',
  'plan:update-point',
  'plan:delete-point',
  'plan:compare',
  'plan:align',
  'plan:point-options',
  'document:reextract',
  'history:state',
  'history:undo',
  'history:redo',
  'report:sections',
  'report:render',
  'export:data',
  'bundle:merge',
  'search:filters',
  'saved-search:list',
  'saved-search:save',
  'saved-search:delete',
  'setting:get',
  'setting:set',
  'import:start',
  'import:upload',
  'import:status',
  'import:cancel',
  'hub:status',
  'hub:share',
  'hub:sync',
  'hub:clashes',
] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** Push events from the service to the page; payload types are in shared/contract.ts (`Events`). */
export const EVENTS = ['import:progressed', 'case:opened', 'case:closed', 'case:changed', 'export:progressed', 'menu:invoked'] as const;
export type EventName = (typeof EVENTS)[number];

/**
 * Desktop-only commands the page may ask the shell for (dialogs, the user's browser). They carry
 * no data into the store: each opens a native dialog or passes through the external-link guard.
 */
export const SHELL_COMMANDS = ['shell:new-case', 'shell:open-case', 'shell:import-files', 'shell:import-folder', 'shell:open-external'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];
