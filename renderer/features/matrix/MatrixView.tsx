/**
 * The stance matrix: parties × concessions (or issue areas) as a heat map of each party's latest
 * stance as of a day, gaps (one demands what another rejects) outlined; a cell opens its evidence,
 * a span opens the reader. The service resolves the stances; this view only draws them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixCell, MatrixColumns, StanceEvidence, StanceMatrix } from '../../../shared/model/analysis';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';
import { escapeHtml, useChart, type ChartOption } from '../../ui/chart';
import { STANCE_COLORS, STANCE_ORDER } from '../../ui/stances';
import { saveExportFile } from '../export/download';
import type { ShowSpan } from '../detail/DetailPanel';

/** Fixed margins, so a cell's place on the canvas is known (the e2e tests click cells by it). */
const GRID = { left: 150, right: 24, top: 150, bottom: 48 };
/** Columns and rows shown at once before the chart scrolls (zoom bars). */
const WINDOW = { columns: 40, rows: 24 };

const shortLabel = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function MatrixView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const [by, setBy] = useState<MatrixColumns>('concession');
  /** Index into the case's dates; dates.length means "latest" (everything, undated included). */
  const [stop, setStop] = useState<number | null>(null);
  const [matrix, setMatrix] = useState<StanceMatrix | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<{ cell: MatrixCell; evidence: StanceEvidence[] | null } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { ref, chart } = useChart();
  const dates = matrix?.dates ?? [];
  const asOf = stop === null || stop >= dates.length ? null : dates[stop]!;

  // The slider moves faster than the service answers: keep only the latest request's answer.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await api.call('stance:matrix', { by, asOf });
    if (ticket !== latest.current) return;
    if (result.ok) {
      setMatrix(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [by, asOf]);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['concession', 'concession_stance', 'party', 'issue_area', 'annotation', 'document'], load);

  const option = useMemo<ChartOption | null>(() => {
    if (!matrix) return null;
    const stanceIndex = new Map(STANCE_ORDER.map((stance, index) => [stance, index]));
    const data = matrix.cells.map((cell) => {
      const value = [cell.column, cell.party, stanceIndex.get(cell.stance)!, cell.spans];
      return cell.incompatible ? { value, itemStyle: { borderColor: '#111', borderWidth: 3 } } : value;
    });
    const zoomColumns = matrix.columns.length > WINDOW.columns;
    const zoomRows = matrix.parties.length > WINDOW.rows;
    return {
      animation: false,
      grid: { ...GRID, right: GRID.right + (zoomRows ? 28 : 0), bottom: GRID.bottom + (zoomColumns ? 28 : 0) },
      xAxis: {
        type: 'category',
        position: 'top',
        data: matrix.columns.map((column) => column.title),
        axisLabel: { rotate: 40, interval: 0, formatter: (value: string) => shortLabel(value) },
        splitArea: { show: true },
      },
      yAxis: { type: 'category', inverse: true, data: matrix.parties.map((party) => party.name), axisLabel: { formatter: (value: string) => shortLabel(value, 22) } },
      visualMap: {
        type: 'piecewise',
        show: false,
        dimension: 2,
        pieces: STANCE_ORDER.map((stance, index) => ({ value: index, color: STANCE_COLORS[stance], label: stance })),
      },
      dataZoom: [
        ...(zoomColumns ? [{ type: 'slider', xAxisIndex: 0, startValue: 0, endValue: WINDOW.columns - 1, bottom: 8 }, { type: 'inside', xAxisIndex: 0 }] : []),
        ...(zoomRows ? [{ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: WINDOW.rows - 1, right: 4 }, { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true }] : []),
      ],
      tooltip: {
        formatter: (params: { data: number[] | { value: number[] } }) => {
          const value = Array.isArray(params.data) ? params.data : params.data.value;
          const cell = matrix.cells.find((entry) => entry.column === value[0] && entry.party === value[1]);
          if (!cell) return '';
          const lines = [
            `<strong>${escapeHtml(matrix.parties[cell.party]!.name)}</strong> · ${escapeHtml(matrix.columns[cell.column]!.title)}`,
            `${humanise(cell.stance)}${cell.since ? ` since ${cell.since}` : ''}${cell.date && cell.date !== cell.since ? ` (last ${cell.date})` : ''}`,
            `${cell.spans} supporting span${cell.spans === 1 ? '' : 's'}`,
          ];
          if (cell.incompatible) lines.push('<em>Gap: one side demands what the other rejects</em>');
          return lines.join('<br>');
        },
      },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (params: { data: number[] | { value: number[] } }) => { const value = Array.isArray(params.data) ? params.data : params.data.value; return value[3] ? String(value[3]) : ''; } }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [matrix]);

  useEffect(() => {
    if (chart && option) chart.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [chart, option]);

  const openCell = useCallback(
    async (cell: MatrixCell) => {
      if (!matrix) return;
      setSelected({ cell, evidence: null });
      const result = await api.call('stance:evidence', { partyId: matrix.parties[cell.party]!.id, columnId: matrix.columns[cell.column]!.id, by: matrix.by, asOf: matrix.asOf });
      if (result.ok) setSelected({ cell, evidence: result.value });
      else setError(result.error.message);
    },
    [matrix],
  );
  useEffect(() => {
    if (!chart || !matrix) return;
    const onClick = (params: { data?: unknown }) => {
      const data = params.data as number[] | { value: number[] } | null | undefined;
      if (!data) return;
      const value = Array.isArray(data) ? data : data.value;
      const cell = matrix.cells.find((entry) => entry.column === value[0] && entry.party === value[1]);
      if (cell) void openCell(cell);
    };
    chart.on('click', onClick);
    return () => void chart.off('click', onClick);
  }, [chart, matrix, openCell]);
  // The open cell follows the slider: its evidence is listed as of the new day.
  const selectedKey = selected ? `${selected.cell.party}|${selected.cell.column}` : null;
  useEffect(() => {
    if (!matrix || !selectedKey) return;
    const [party, column] = selectedKey.split('|').map(Number);
    const cell = matrix.cells.find((entry) => entry.party === party && entry.column === column);
    if (cell) void openCell(cell);
    else setSelected(null);
  }, [matrix]);

  async function exportXlsx() {
    const result = await api.call('stance:export', { by, asOf });
    if (!result.ok) return setError(result.error.message);
    saveExportFile(result.value);
    setNote(`Saved ${result.value.fileName}`);
  }

  const empty = matrix && matrix.parties.length === 0;
  const geometry = matrix ? `${matrix.columns.length},${matrix.parties.length}` : '';

  return (
    <div className={selected ? 'split' : 'single'}>
      <section className="analysis-view" data-testid="matrix-view">
        <div className="grid-toolbar">
          <div className="segmented" role="group" aria-label="Columns">
            <button type="button" aria-pressed={by === 'concession'} onClick={() => setBy('concession')} data-testid="matrix-by-concession">
              Concessions
            </button>
            <button type="button" aria-pressed={by === 'issue_area'} onClick={() => setBy('issue_area')} data-testid="matrix-by-issue-area">
              Issue areas
            </button>
          </div>
          <label className="as-of">
            As of
            <input
              type="range"
              min={0}
              max={dates.length}
              value={stop === null ? dates.length : Math.min(stop, dates.length)}
              onChange={(event) => setStop(Number(event.target.value))}
              disabled={dates.length === 0}
              aria-label="As of"
              data-testid="matrix-as-of"
            />
            <strong data-testid="matrix-as-of-label">{asOf ?? 'latest'}</strong>
          </label>
          {matrix && (
            <span className={matrix.gaps > 0 ? 'gap-count' : 'muted'} data-testid="matrix-gaps">
              {matrix.gaps === 0 ? 'No gaps' : `${matrix.gaps} gap${matrix.gaps === 1 ? '' : 's'} (demands vs rejects, outlined)`}
            </span>
          )}
          <span className="spacer" />
          <Legend />
          <button type="button" onClick={() => void exportXlsx()} disabled={!matrix || empty === true} data-testid="matrix-export">
            Export XLSX
          </button>
        </div>
        {error && <p className="form-error" role="alert">{error}</p>}
        {note && <p className="muted small">{note}</p>}
        {empty && (
          <div className="empty-state">
            <h3>No stances yet</h3>
            <p>Mark concession evidence in the reader (select words, press C) with whose stance it shows, or set stances on the Concessions grid. Each party's latest stance appears here.</p>
          </div>
        )}
        <div ref={ref} className="chart" hidden={!!empty} data-testid="matrix-chart" data-grid={`${GRID.left},${GRID.top},${GRID.right},${GRID.bottom}`} data-size={geometry} />
      </section>
      {selected && matrix && (
        <aside className="detail-panel" data-testid="matrix-evidence">
          <div className="detail-header">
            <h3>
              {matrix.parties[selected.cell.party]!.name} · {matrix.columns[selected.cell.column]!.title}
            </h3>
            <button type="button" className="link" onClick={() => setSelected(null)} aria-label="Close">
              ✕
            </button>
          </div>
          <p>
            <span className="stance-chip" data-stance={selected.cell.stance}>
              {humanise(selected.cell.stance)}
            </span>{' '}
            {selected.cell.since ? `since ${selected.cell.since}` : 'undated'} · {selected.cell.spans} supporting span{selected.cell.spans === 1 ? '' : 's'}
            {selected.cell.incompatible && <strong className="gap-count"> · gap</strong>}
          </p>
          {selected.evidence === null ? (
            <p className="muted">Loading…</p>
          ) : (
            <ol className="evidence-list">
              {selected.evidence.map((entry) => (
                <li key={entry.stanceId} className={entry.counts ? '' : 'later'} data-testid="matrix-evidence-entry">
                  <div className="small">
                    <span className="stance-chip" data-stance={entry.stance}>
                      {humanise(entry.stance)}
                    </span>{' '}
                    {entry.asOf?.slice(0, 10) ?? 'undated'}
                    {matrix.by === 'issue_area' && ` · ${entry.concessionTitle}`}
                    {!entry.counts && ' · not yet as of this day'}
                    {entry.createdBy && <span className="muted" data-testid="matrix-evidence-analyst"> · by {entry.createdBy}</span>}
                  </div>
                  {entry.annotationId && entry.documentId ? (
                    <button type="button" className="span-link" onClick={() => onShowSpan({ id: entry.annotationId!, documentId: entry.documentId! })} data-testid="matrix-evidence-span">
                      “{entry.exact}” <span className="muted">— {entry.outlet ?? entry.documentTitle ?? 'article'}</span>
                    </button>
                  ) : (
                    <span className="muted">Set by hand{entry.note ? `: ${entry.note}` : ''}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </aside>
      )}
    </div>
  );
}

function Legend() {
  return (
    <span className="stance-legend" aria-label="Stances">
      {STANCE_ORDER.filter((stance) => stance !== 'none').map((stance) => (
        <span key={stance} className="stance-chip" data-stance={stance}>
          {humanise(stance)}
        </span>
      ))}
    </span>
  );
}
