/**
 * The timeline: dated stance entries and attributed statements on a time axis, one lane per
 * party, concession or issue area; zoom with the wheel or the bar below, drag to pan; hover for the
 * quote, click for the evidence. Evidence without a date is listed aside, never placed by guess.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Timeline, TimelineEvent, TimelineInput } from '../../../shared/model/analysis';
import { STANCES, humanise } from '../../../shared/model/vocabulary';
import { api } from '../../api';
import { useCaseChanged } from '../../ui/case-changes';
import { escapeHtml, useChart, type ChartOption } from '../../ui/chart';
import { STANCE_COLORS } from '../../ui/stances';
import { useRecords } from '../../ui/use-records';
import type { ShowSpan } from '../detail/DetailPanel';
import { detailLevel, marginAround, needsRebuild, type DetailLevel, type EventKind, type TimelineBin, type TimelinePoints } from './lod';

/** Fixed margins and a padded date range, so an event's place on the canvas is known (e2e clicks it). */
const GRID = { left: 170, right: 30, top: 20, bottom: 70 };
const DAY = 86_400_000;
const STATEMENT_COLOR = '#343a40';
const CHANGE_COLOR = '#f59f00';
/** Above this many points, a series is drawn in one batch (echarts' large mode). */
const LARGE = 300;
type Lanes = NonNullable<TimelineInput['lanes']>;
/** echarts' datazoom event: the inside zoom batches its window, the slider gives it directly. */
type ZoomEvent = { start?: number; end?: number; batch?: { start?: number; end?: number }[] };
/** A bin clicked: its lane and days, and its events (each opens its evidence). */
interface BinSelection {
  bin: { lane: string; from: string; to: string; events: TimelineEvent[] };
}

const timeOf = (date: string) => Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
/** Bins start at midnight (UTC), so a day bin is one calendar day. */
const binOrigin = (time: number) => Math.floor(time / DAY) * DAY;
const dayLabel = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The series, one per kind, always all of them and in this order, so a level's points replace the last by position. */
const KINDS: { key: EventKind; name: string; color: string; size: number }[] = [
  ...STANCES.map((stance) => ({ key: stance, name: humanise(stance), color: STANCE_COLORS[stance], size: 10 })),
  { key: 'statement', name: 'Statement', color: STATEMENT_COLOR, size: 10 },
  { key: 'change', name: 'Position changed', color: CHANGE_COLOR, size: 15 },
];
const kindOf = (event: TimelineEvent): EventKind => (event.kind === 'statement' ? 'statement' : event.change ? 'change' : event.stance!);

function seriesFor(detail: DetailLevel) {
  return KINDS.map((kind) => {
    const data = detail.points.get(kind.key) ?? [];
    // Bins are drawn larger than single events, and the whole level in one batch once it is large.
    const size = detail.binDays > 0 ? kind.size + 4 : kind.size;
    return {
      type: 'scatter',
      name: kind.name,
      color: kind.color,
      data,
      symbolSize: size,
      large: true,
      largeThreshold: LARGE,
      // Statements sit just below the lane's stances, so a statement and a stance of one day both show.
      ...(kind.key === 'statement' ? { symbol: 'diamond', symbolOffset: [0, 10] } : { symbolOffset: [0, -4] }),
      itemStyle: kind.key === 'change' ? { opacity: 0.9, borderColor: '#111', borderWidth: 1 } : { opacity: 0.85 },
      emphasis: { scale: 1.4 },
    };
  });
}

/** A bin's tooltip: where and when, and how many events of each kind (click lists them). */
function binTip(bin: TimelineBin, timeline: Timeline): string {
  const counts = KINDS.filter((kind) => bin.counts.has(kind.key)).map((kind) => `${bin.counts.get(kind.key)} ${escapeHtml(kind.name.toLowerCase())}`);
  return `${dayLabel(bin.start)} – ${dayLabel(bin.end)} · <strong>${escapeHtml(timeline.lanes[bin.lane]?.name ?? '')}</strong><br>${bin.events.length} events: ${counts.join(', ')}<br><em>Click to list them; zoom in to see each.</em>`;
}

export function TimelineView({ onShowSpan }: { onShowSpan: ShowSpan }) {
  const parties = useRecords('party:list');
  const areas = useRecords('issue-area:list');
  const [lanes, setLanes] = useState<Lanes>('party');
  const [partyIds, setPartyIds] = useState<string[]>([]);
  const [issueAreaIds, setIssueAreaIds] = useState<string[]>([]);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [selected, setSelected] = useState<TimelineEvent | BinSelection | null>(null);
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

  // The events as the level-of-detail code reads them: times ascending, lanes and kinds.
  const points = useMemo<TimelinePoints | null>(() => {
    if (!timeline) return null;
    const count = timeline.events.length;
    const times = new Float64Array(count);
    const laneOf = new Int32Array(count);
    const kinds: EventKind[] = [];
    timeline.events.forEach((event, index) => {
      times[index] = timeOf(event.date!);
      laneOf[index] = event.lane;
      kinds.push(kindOf(event));
    });
    return { times, lanes: laneOf, kinds };
  }, [timeline]);
  /** What the chart draws now; replaced as the analyst zooms or pans past its margin, without a React render. */
  const level = useRef<DetailLevel | null>(null);

  const option = useMemo<ChartOption | null>(() => {
    if (!timeline || !range || !points) return null;
    const detail = detailLevel(points, timeline.lanes.length, marginAround(range.min, range.max), binOrigin(range.min));
    level.current = detail;
    return {
      animation: false,
      grid: GRID,
      legend: { bottom: 0, data: KINDS.filter((kind) => points.kinds.includes(kind.key)).map((kind) => kind.name) },
      xAxis: { type: 'time', min: range.min, max: range.max, splitLine: { show: true, lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: timeline.lanes.map((lane) => lane.name), axisLabel: { formatter: (value: string) => (value.length > 24 ? `${value.slice(0, 23)}…` : value) } },
      dataZoom: [
        // No refiltering per frame: the chart is only ever given the points near the window (see lod.ts).
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'slider', xAxisIndex: 0, filterMode: 'none', bottom: 28, height: 16 },
      ],
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: { data: [number, number, number] }) => {
          const ref = params.data[2];
          if (ref < 0) {
            const bin = level.current?.bins[-ref - 1];
            return bin ? binTip(bin, timeline) : '';
          }
          const event = timeline.events[ref];
          if (!event) return '';
          const head = `${event.date} · <strong>${escapeHtml(event.partyName ?? 'Unattributed')}</strong>${event.stance ? ` ${escapeHtml(humanise(event.stance))}${event.change ? ' (changed)' : ''}` : ' said'}`;
          const about = event.concessionTitle ? `<br>${escapeHtml(event.concessionTitle)}` : '';
          const quote = event.quote ? `<div class="chart-tip">“${escapeHtml(event.quote.length > 240 ? `${event.quote.slice(0, 239)}…` : event.quote)}”</div>` : '';
          const outlet = event.outlet ? `<em>${escapeHtml(event.outlet)}</em>` : '';
          return `${head}${about}${quote}${outlet}`;
        },
      },
      series: seriesFor(detail),
    };
  }, [timeline, range, points]);

  useEffect(() => {
    if (chart && option) chart.setOption(option, { notMerge: true });
  }, [chart, option]);

  // Zoom and pan: once a frame at most, give the chart the points of the new window when it has
  // left the margin or wants another level; otherwise echarts only moves what it has.
  useEffect(() => {
    if (!chart || !timeline || !range || !points) return;
    let frame = 0;
    // The window in percent of the axis, as the last zoom event said (getOption would copy every point).
    let zoom = { start: 0, end: 100 };
    const check = () => {
      frame = 0;
      const current = level.current;
      if (!current) return;
      const span = range.max - range.min;
      const visible = { from: range.min + (span * zoom.start) / 100, to: range.min + (span * zoom.end) / 100 };
      if (!needsRebuild(current, points, timeline.lanes.length, visible)) return;
      const detail = detailLevel(points, timeline.lanes.length, marginAround(visible.from, visible.to), binOrigin(range.min));
      level.current = detail;
      chart.setOption({ series: seriesFor(detail) }, { lazyUpdate: true });
    };
    const onZoom = (event: unknown) => {
      const params = event as ZoomEvent;
      const window = params.batch?.[0] ?? params;
      if (typeof window.start === 'number' && typeof window.end === 'number') zoom = { start: window.start, end: window.end };
      if (!frame) frame = requestAnimationFrame(check);
    };
    chart.on('datazoom', onZoom);
    return () => {
      chart.off('datazoom', onZoom);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [chart, timeline, range, points]);

  useEffect(() => {
    if (!chart || !timeline) return;
    const onClick = (params: { data?: unknown }) => {
      const data = params.data as [number, number, number] | undefined;
      if (!data) return;
      if (data[2] < 0) {
        const bin = level.current?.bins[-data[2] - 1];
        if (bin) setSelected({ bin: { lane: timeline.lanes[bin.lane]?.name ?? '', from: dayLabel(bin.start), to: dayLabel(bin.end), events: bin.events.map((index) => timeline.events[index]!) } });
        return;
      }
      const event = timeline.events[data[2]];
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
      {selected && 'bin' in selected && (
        <aside className="detail-panel" data-testid="timeline-bin">
          <div className="detail-header">
            <h3>
              {selected.bin.from} – {selected.bin.to} · {selected.bin.lane}
            </h3>
            <button type="button" className="link" onClick={() => setSelected(null)} aria-label="Close">
              ✕
            </button>
          </div>
          <p className="muted small">{selected.bin.events.length} events; zoom in to see each on the axis. Pick one for its evidence.</p>
          <ol className="evidence-list">
            {selected.bin.events.map((event) => (
              <li key={`${event.kind}-${event.id}`}>
                <button type="button" className="span-link" onClick={() => setSelected(event)} data-testid="timeline-bin-entry">
                  <span className="small">
                    {event.date} · {event.partyName ?? 'Unattributed'}
                    {event.stance ? ` · ${humanise(event.stance)}${event.change ? ' (changed)' : ''}` : ' · statement'}
                    {event.concessionTitle ? ` · ${event.concessionTitle}` : ''}
                  </span>
                  {event.quote && (
                    <>
                      <br />“{event.quote.length > 160 ? `${event.quote.slice(0, 159)}…` : event.quote}”
                    </>
                  )}
                </button>
              </li>
            ))}
          </ol>
        </aside>
      )}
      {selected && !('bin' in selected) && <EventEvidence event={selected} onClose={() => setSelected(null)} onShowSpan={onShowSpan} />}
    </div>
  );
}

/** One event's evidence: its stance or statement, and the span that shows it (opens the reader). */
function EventEvidence({ event, onClose, onShowSpan }: { event: TimelineEvent; onClose(): void; onShowSpan: ShowSpan }) {
  return (
    <aside className="detail-panel" data-testid="timeline-evidence">
      <div className="detail-header">
        <h3>
          {event.date ?? 'Undated'} · {event.partyName ?? 'Unattributed'}
        </h3>
        <button type="button" className="link" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <p>
        {event.stance ? (
          <span className="stance-chip" data-stance={event.stance}>
            {humanise(event.stance)}
          </span>
        ) : (
          <span className="muted">Statement</span>
        )}
        {event.change && <strong> · position changed</strong>}
        {event.concessionTitle && <> · {event.concessionTitle}</>}
      </p>
      {event.annotationId && event.documentId ? (
        <button type="button" className="span-link" onClick={() => onShowSpan({ id: event.annotationId!, documentId: event.documentId! })} data-testid="timeline-evidence-span">
          “{event.quote}” <span className="muted">— {event.outlet ?? event.documentTitle ?? 'article'} · open in the reader</span>
        </button>
      ) : (
        <p className="muted">Set by hand, without a span.</p>
      )}
    </aside>
  );
}
