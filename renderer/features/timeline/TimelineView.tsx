/**
 * The timeline: dated stance entries and attributed statements on a time axis, one lane per
 * party, concession or issue area; zoom with the wheel or the bar below, drag to pan; hover for the
 * quote, click for the evidence. Evidence without a date is listed aside, never placed by guess.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Timeline, TimelineEvent, TimelineInput } from '../../../shared/model/analysis';
import { humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';
import { escapeHtml, useChart, type ChartOption } from '../../ui/chart';
import { STANCE_COLORS } from '../../ui/stances';
import { useRecords } from '../../ui/use-records';
import type { ShowSpan } from '../detail/DetailPanel';

/** Fixed margins and a padded date range, so an event's place on the canvas is known (e2e clicks it). */
const GRID = { left: 170, right: 30, top: 20, bottom: 70 };
const DAY = 86_400_000;
const STATEMENT_COLOR = '#343a40';
const CHANGE_COLOR = '#f59f00';
/** Above this many events, each series is drawn in one batch (echarts' large mode). */
const LARGE = 2000;
type Lanes = NonNullable<TimelineInput['lanes']>;

const timeOf = (date: string) => Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);

export function TimelineView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const parties = useRecords('party:list');
  const areas = useRecords('issue-area:list');
  const [lanes, setLanes] = useState<Lanes>('party');
  const [partyIds, setPartyIds] = useState<string[]>([]);
  const [issueAreaIds, setIssueAreaIds] = useState<string[]>([]);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [selected, setSelected] = useState<TimelineEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { ref, chart } = useChart();

  const load = useCallback(async () => {
    const result = await api.call('timeline:events', { lanes, partyIds, issueAreaIds });
    if (result.ok) {
      setTimeline(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [lanes, partyIds, issueAreaIds]);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanged(['concession', 'concession_stance', 'party', 'issue_area', 'annotation', 'document', 'source'], load);

  const range = useMemo(() => {
    if (!timeline || timeline.events.length === 0) return null;
    const first = timeOf(timeline.events[0]!.date!);
    const last = timeOf(timeline.events.at(-1)!.date!);
    const pad = Math.max(DAY, (last - first) * 0.04);
    return { min: first - pad, max: last + pad };
  }, [timeline]);

  const option = useMemo<ChartOption | null>(() => {
    if (!timeline || !range) return null;
    // One series per stance, one for statements and one for changes of position (drawn larger):
    // colours and the legend come from the series, and a large case draws each in one batch.
    const groups = new Map<string, { name: string; color: string; data: [number, number, number][]; size: number }>();
    timeline.events.forEach((event, index) => {
      const key = event.kind === 'statement' ? 'statement' : event.change ? 'change' : event.stance!;
      let group = groups.get(key);
      if (!group) {
        const name = key === 'statement' ? 'Statement' : key === 'change' ? 'Position changed' : humanise(key);
        const color = key === 'statement' ? STATEMENT_COLOR : key === 'change' ? CHANGE_COLOR : STANCE_COLORS[event.stance!];
        groups.set(key, (group = { name, color, data: [], size: key === 'change' ? 15 : 10 }));
      }
      group.data.push([timeOf(event.date!), event.lane, index]);
    });
    const large = timeline.events.length > LARGE;
    return {
      animation: false,
      grid: GRID,
      legend: { bottom: 0, data: [...groups.values()].map((group) => group.name) },
      xAxis: { type: 'time', min: range.min, max: range.max, splitLine: { show: true, lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: timeline.lanes.map((lane) => lane.name), axisLabel: { formatter: (value: string) => (value.length > 24 ? `${value.slice(0, 23)}…` : value) } },
      dataZoom: [
        // Every point stays laid out while panning (no refiltering per frame); large mode draws each series in one batch.
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'slider', xAxisIndex: 0, filterMode: 'none', bottom: 28, height: 16 },
      ],
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: { data: [number, number, number] }) => {
          const event = timeline.events[params.data[2]];
          if (!event) return '';
          const head = `${event.date} · <strong>${escapeHtml(event.partyName ?? 'Unattributed')}</strong>${event.stance ? ` ${escapeHtml(humanise(event.stance))}${event.change ? ' (changed)' : ''}` : ' said'}`;
          const about = event.concessionTitle ? `<br>${escapeHtml(event.concessionTitle)}` : '';
          const quote = event.quote ? `<div class="chart-tip">“${escapeHtml(event.quote.length > 240 ? `${event.quote.slice(0, 239)}…` : event.quote)}”</div>` : '';
          const outlet = event.outlet ? `<em>${escapeHtml(event.outlet)}</em>` : '';
          return `${head}${about}${quote}${outlet}`;
        },
      },
      series: [...groups.values()].map((group) => ({
        type: 'scatter',
        name: group.name,
        color: group.color,
        data: group.data,
        // A change of position stands out: larger, outlined.
        symbolSize: group.size,
        large,
        largeThreshold: LARGE,
        // Statements sit just below the lane's stances, so a statement and a stance of one day both show.
        ...(group.name === 'Statement' ? { symbol: 'diamond', symbolOffset: [0, 10] } : { symbolOffset: [0, -4] }),
        itemStyle: group.name === 'Position changed' ? { opacity: 0.9, borderColor: '#111', borderWidth: 1 } : { opacity: 0.85 },
        emphasis: { scale: 1.4 },
      })),
    };
  }, [timeline, range]);

  useEffect(() => {
    if (chart && option) chart.setOption(option, { notMerge: true });
  }, [chart, option]);
  useEffect(() => {
    if (!chart || !timeline) return;
    const onClick = (params: { data?: unknown }) => {
      const data = params.data as [number, number, number] | undefined;
      const event = data ? timeline.events[data[2]] : undefined;
      if (event) setSelected(event);
    };
    chart.on('click', onClick);
    return () => void chart.off('click', onClick);
  }, [chart, timeline]);

  const multi = (values: HTMLCollectionOf<HTMLOptionElement>) => [...values].map((option) => option.value);
  const empty = timeline && timeline.events.length === 0;

  return (
    <div className={selected ? 'split' : 'single'}>
      <section className="analysis-view" data-testid="timeline-view">
        <div className="filters">
          <label>
            Lanes{' '}
            <select value={lanes} onChange={(event) => setLanes(event.target.value as Lanes)} data-testid="timeline-lanes">
              <option value="party">per party</option>
              <option value="concession">per concession</option>
              <option value="issue_area">per issue area</option>
            </select>
          </label>
          <label>
            Parties{' '}
            <select multiple value={partyIds} onChange={(event) => setPartyIds(multi(event.target.selectedOptions))} aria-label="Parties" data-testid="timeline-parties">
              {(parties.rows ?? []).map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Issues{' '}
            <select multiple value={issueAreaIds} onChange={(event) => setIssueAreaIds(multi(event.target.selectedOptions))} aria-label="Issue areas" data-testid="timeline-issues">
              {(areas.rows ?? []).map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            </select>
          </label>
          {(partyIds.length > 0 || issueAreaIds.length > 0) && (
            <button
              type="button"
              className="link"
              onClick={() => {
                setPartyIds([]);
                setIssueAreaIds([]);
              }}
            >
              Clear filters
            </button>
          )}
          <span className="muted small" data-testid="timeline-count">
            {timeline ? `${timeline.events.length} dated · ${timeline.undated.length} undated · wheel to zoom, drag to pan, click a point for its evidence` : 'Loading…'}
          </span>
        </div>
        {error && <p className="form-error" role="alert">{error}</p>}
        {empty && (
          <div className="empty-state">
            <h3>Nothing dated to show</h3>
            <p>Stances and attributed statements appear here by the date of their article. Mark concession evidence or attributions in the reader, or widen the filters.</p>
          </div>
        )}
        <div className="timeline-body">
          <div
            ref={ref}
            className="chart"
            hidden={!!empty}
            data-testid="timeline-chart"
            data-grid={`${GRID.left},${GRID.top},${GRID.right},${GRID.bottom}`}
            data-range={range ? `${range.min},${range.max}` : ''}
            data-lanes={timeline?.lanes.length ?? 0}
          />
          {timeline && timeline.undated.length > 0 && (
            <aside className="undated" data-testid="timeline-undated">
              <h3>Undated ({timeline.undated.length})</h3>
              <ol className="evidence-list">
                {timeline.undated.map((event) => (
                  <li key={`${event.kind}-${event.id}`}>
                    <button type="button" className="span-link" onClick={() => setSelected(event)} data-testid="timeline-undated-entry">
                      <span className="small">
                        {event.partyName ?? 'Unattributed'}
                        {event.stance ? ` · ${humanise(event.stance)}` : ' · statement'}
                        {event.concessionTitle ? ` · ${event.concessionTitle}` : ''}
                      </span>
                      <br />“{event.quote}”
                    </button>
                  </li>
                ))}
              </ol>
            </aside>
          )}
        </div>
      </section>
      {selected && (
        <aside className="detail-panel" data-testid="timeline-evidence">
          <div className="detail-header">
            <h3>
              {selected.date ?? 'Undated'} · {selected.partyName ?? 'Unattributed'}
            </h3>
            <button type="button" className="link" onClick={() => setSelected(null)} aria-label="Close">
              ✕
            </button>
          </div>
          <p>
            {selected.stance ? (
              <span className="stance-chip" data-stance={selected.stance}>
                {humanise(selected.stance)}
              </span>
            ) : (
              <span className="muted">Statement</span>
            )}
            {selected.change && <strong> · position changed</strong>}
            {selected.concessionTitle && <> · {selected.concessionTitle}</>}
          </p>
          {selected.annotationId && selected.documentId ? (
            <button type="button" className="span-link" onClick={() => onShowSpan({ id: selected.annotationId!, documentId: selected.documentId! })} data-testid="timeline-evidence-span">
              “{selected.quote}” <span className="muted">— {selected.outlet ?? selected.documentTitle ?? 'article'} · open in the reader</span>
            </button>
          ) : (
            <p className="muted">Set by hand, without a span.</p>
          )}
        </aside>
      )}
    </div>
  );
}
