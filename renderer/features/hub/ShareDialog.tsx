import { useEffect, useRef, useState } from 'react';
import type { HubStatusInfo } from '../../../shared/model/hub';
import { useEscapeKey } from '../../ui/use-escape-key';

export interface HubCredentialsAnswer {
  url: string;
  analystName: string;
  password: string;
  remember: boolean;
}

/**
 * Share to hub… (mode 'share': the hub's address, how this analyst is credited, the password) or
 * the password a sync needs (mode 'password'). Where the password lives afterwards is said plainly:
 * the OS keychain in the desktop app; in browser mode, this session only (or ~/.pgpass / PGPASSWORD).
 */
export function ShareDialog(props: {
  mode: 'share' | 'password';
  status: HubStatusInfo;
  onSubmit(answer: HubCredentialsAnswer): Promise<string | null>;
  onCancel(): void;
}) {
  const [url, setUrl] = useState(props.status.hub ?? '');
  const [analystName, setAnalystName] = useState(props.status.analyst.name);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(props.status.credentials === 'keychain');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEscapeKey(props.onCancel);
  useEffect(() => first.current?.focus(), []);
  const keychain = props.status.credentials === 'keychain';

  return (
    <div className="modal-backdrop" role="presentation">
      <form
        className="modal hub-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="hub-title"
        data-testid="hub-dialog"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const message = await props.onSubmit({ url: url.trim(), analystName: analystName.trim(), password, remember });
          setBusy(false);
          setError(message);
        }}
      >
        <h2 id="hub-title">{props.mode === 'share' ? 'Share to hub' : 'Password for the hub'}</h2>
        {props.mode === 'share' ? (
          <>
            <p className="muted small">
              Your team’s PostgreSQL database, prepared once with <code>parley hub init</code>. Everyone you add as a member can then clone the
              case, work offline and sync.
            </p>
            <label className="field">
              Hub address
              <input
                ref={first}
                value={url}
                onChange={(event) => setUrl(event.target.value)}
                placeholder="postgres://anna@hub.example.org:5432/desk?sslmode=verify-full"
                spellCheck={false}
                autoComplete="off"
                data-testid="hub-url"
                required
              />
            </label>
            <label className="field">
              Your name in the case (credited on your work)
              <input value={analystName} onChange={(event) => setAnalystName(event.target.value)} maxLength={200} data-testid="hub-analyst" required />
            </label>
          </>
        ) : (
          <p className="muted small">
            {props.status.hub} as <strong>{props.status.role}</strong>
          </p>
        )}
        <label className="field">
          Password
          <input
            ref={props.mode === 'password' ? first : undefined}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            data-testid="hub-password"
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} data-testid="hub-remember" />
          {keychain ? 'Keep it in the system keychain' : 'Keep it until Parley stops'}
        </label>
        <p className="muted small">
          {keychain
            ? 'Never written into the case file.'
            : 'Browser mode keeps no password on disk. Leave it empty to use ~/.pgpass or PGPASSWORD, as psql does.'}
        </p>
        {error && (
          <p className="form-error" role="alert" data-testid="hub-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="hub-submit">
            {busy ? 'Working…' : props.mode === 'share' ? 'Share' : 'Sync'}
          </button>
        </div>
      </form>
    </div>
  );
}
