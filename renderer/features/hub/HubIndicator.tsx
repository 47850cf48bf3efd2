import type { HubStatusInfo } from '../../../shared/model/hub';
import { ago } from './use-hub';

/**
 * The header's hub status: not shared (a Share button), or last sync, pending operations and
 * clashes, with Sync now. A failed last sync shows in red with its reason on hover.
 */
export function HubIndicator(props: { status: HubStatusInfo | null; syncing: boolean; onShare(): void; onSync(): void; onClashes(): void }) {
  const { status } = props;
  if (!status) return null;
  if (!status.shared) {
    return (
      <button type="button" onClick={props.onShare} data-testid="hub-share-button" title="Share this case with your team through a PostgreSQL hub">
        Share to hub…
      </button>
    );
  }
  const failed = status.lastSyncError !== null;
  return (
    <span className={`hub-indicator${failed ? ' failed' : ''}`} data-testid="hub-indicator">
      <span
        className="hub-state"
        title={failed ? `Last sync failed: ${status.lastSyncError}` : `${status.hub ?? ''} as ${status.analyst.name}`}
        data-testid="hub-last-sync"
      >
        {props.syncing ? 'Syncing…' : failed ? 'Sync failed' : `Synced ${ago(status.lastSyncAt)}`}
      </span>
      <span className="hub-count" data-testid="hub-pending" title="Your changes not on the hub yet">
        {status.pending} pending
      </span>
      <button
        type="button"
        className={`link-button hub-count${status.clashes > 0 ? ' warn' : ''}`}
        onClick={props.onClashes}
        data-testid="hub-clashes"
        title="Fields two analysts changed differently, and edits of deleted records"
      >
        {status.clashes} clash{status.clashes === 1 ? '' : 'es'}
      </button>
      <button type="button" onClick={props.onSync} disabled={props.syncing} data-testid="hub-sync-button">
        Sync now
      </button>
    </span>
  );
}
