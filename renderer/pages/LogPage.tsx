/**
 * Every frame, virtualised so 100 000 rows scroll smoothly: filters by charger, action, direction,
 * leg and errors, free-text search, and a detail pane with the pretty JSON, its schema issues and the
 * call ↔ answer pairing with its latency. A relayed charger's two legs can be shown side by side:
 * the charger's connection on the left, the relay's connection to the platform on the right.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { isError, type LogFilter, type LogRow } from '../state/log.ts';
import { clockMs, ms, pretty } from '../format.ts';
import { Badge } from '../components/common.tsx';

const TYPE = ['?', '', 'CALL', 'RESULT', 'ERROR'];

/** What a relayed frame's origin means, in the log's words. */
export const ORIGIN_TEXT: Record<string, string> = {
  local: 'answered by this app: the platform was unreachable',
  injected: 'sent by this app, not by the platform; its answer is not forwarded',
  replay: 'replayed to the platform after an outage',
  rewritten: "forwarded with the platform's transaction id",
};

/** Who is on the other end of a frame, by leg and direction. */
export function directionText(row: Pick<LogRow, 'leg' | 'dir'>): string {
  if (row.leg === 'upstream') return row.dir === 'rx' ? 'from the platform' : 'to the platform';
  return row.dir === 'rx' ? 'from the charger' : 'to the charger';
}

export function LogPage() {
  const { store } = useHostContext();
  const log = useApp((s) => s.log);
  useApp((s) => s.logVersion); // re-render when the log changed (it is mutated in place)
  const focus = useApp((s) => s.focus);
  const [selectedSeq, setSelected] = useState<{ charger: string; seq: number } | null>(null);
  const [follow, setFollow] = useState(true);
  const [sideBySide, setSideBySide] = useState(false);
  const [text, setText] = useState(log.filter.text);
  const parentRef = useRef<HTMLDivElement>(null);
  const count = log.visible.length;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => 24, overscan: 20 });
  const filter = log.filter;
  const setFilter = (f: Partial<LogFilter>) => actions.setLogFilter(store, { ...filter, ...f });

  // Free-text search waits for a pause in typing: filtering 100 000 rows per keystroke is wasteful.
  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => actions.setLogFilter(store, { ...filter, text }), 200);
    return () => clearTimeout(timer);
  }, [text, filter, store]);

  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, follow, virtualizer]);

  // A link from elsewhere (readiness evidence) opens a frame.
  useEffect(() => {
    if (!focus) return;
    setSelected(focus);
    setFollow(false);
    const index = log.indexOfSeq(focus.charger, focus.seq);
    const at = log.visible.indexOf(index);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'center' });
    store.setState({ focus: null });
  }, [focus, log, store, virtualizer]);

  const selected = useMemo(() => {
    if (!selectedSeq) return undefined;
    const i = log.indexOfSeq(selectedSeq.charger, selectedSeq.seq);
    return i >= 0 ? log.rows[i] : undefined;
  }, [selectedSeq, log, log.rows.length]); // eslint-disable-line react-hooks/exhaustive-deps -- the version counter stands for the mutable buffer's contents
  const actionsSeen = [...log.actions].sort();
  const chargersSeen = [...log.chargers].sort();
  const relayed = log.legs.has('upstream');
  const twoColumns = sideBySide && relayed && !filter.leg;

  return (
    <div className="page log-page">
      <div className="filters" data-testid="log-filters">
        <select value={filter.charger} onChange={(e) => setFilter({ charger: e.target.value })} aria-label="Charger" data-testid="filter-charger">
          <option value="">all chargers</option>
          {chargersSeen.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <select value={filter.action} onChange={(e) => setFilter({ action: e.target.value })} aria-label="Action" data-testid="filter-action">
          <option value="">all actions</option>
          {actionsSeen.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <select value={filter.dir} onChange={(e) => setFilter({ dir: e.target.value as LogFilter['dir'] })} aria-label="Direction" data-testid="filter-dir">
          <option value="">both directions</option>
          <option value="rx">from the charger</option>
          <option value="tx">to the charger</option>
        </select>
        {log.legs.size > 1 && (
          <select value={filter.leg} onChange={(e) => setFilter({ leg: e.target.value as LogFilter['leg'] })} aria-label="Leg" data-testid="filter-leg">
            <option value="">both legs</option>
            <option value="charger">charger ⇄ app</option>
            <option value="upstream">app ⇄ platform</option>
            {log.legs.has('serial') && <option value="serial">serial console</option>}
          </select>
        )}
        {relayed && (
          <label title="The charger's connection on the left, the relay's connection to the platform on the right">
            <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} data-testid="legs-side-by-side" /> legs side by side
          </label>
        )}
        <label>
          <input type="checkbox" checked={filter.errorsOnly} onChange={(e) => setFilter({ errorsOnly: e.target.checked })} data-testid="filter-errors" /> errors
          only
        </label>
        <input type="search" placeholder="Search frames…" value={text} onChange={(e) => setText(e.target.value)} data-testid="filter-text" />
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
        </label>
        <span className="muted" data-testid="log-count">
          {count} of {log.rows.length} frames{log.dropped > 0 ? ` (${log.dropped} oldest dropped from view; the recording keeps them)` : ''}
        </span>
      </div>
      <div className="log-split">
        <div className={`log-list ${twoColumns ? 'two-legs' : ''}`} ref={parentRef} data-testid="log-list" onWheel={() => setFollow(false)}>
          {twoColumns && (
            <div className="leg-heads">
              <span>charger ⇄ app</span>
              <span>app ⇄ platform</span>
            </div>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = log.rows[log.visible[item.index]!]!;
              const active = selected === row;
              return (
                <div
                  key={item.key}
                  className={`log-row ${active ? 'active' : ''} ${isError(row) ? 'error' : ''} leg-${row.leg} ${row.origin ? `origin-${row.origin}` : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                  onClick={() => (setSelected({ charger: row.charger, seq: row.seq }), setFollow(false))}
                  data-testid="log-row"
                  data-action={row.action}
                  data-dir={row.dir}
                  data-leg={row.leg}
                  data-origin={row.origin}
                  title={row.origin ? ORIGIN_TEXT[row.origin] : undefined}
                >
                  <span className="at">{clockMs(row.at)}</span>
                  <span className="who" title={row.charger}>
                    {row.charger}
                  </span>
                  <span className={`dir ${row.dir}`} title={directionText(row)}>
                    {row.leg === 'upstream' ? (row.dir === 'rx' ? '⇓' : '⇑') : row.dir === 'rx' ? '⇐' : '⇒'}
                  </span>
                  <span className={`type t${row.type}`}>{TYPE[row.type] ?? '?'}</span>
                  <span className="action">{row.action}</span>
                  <span className="latency">{row.latencyMs !== null ? ms(row.latencyMs) : ''}</span>
                  <span className="raw">{row.raw}</span>
                </div>
              );
            })}
          </div>
        </div>
        <Detail row={selected} partner={selected ? log.partner(selected) : undefined} onOpen={(r) => setSelected({ charger: r.charger, seq: r.seq })} />
      </div>
    </div>
  );
}

function Detail({ row, partner, onOpen }: { row: LogRow | undefined; partner: LogRow | undefined; onOpen: (row: LogRow) => void }) {
  if (!row) return <aside className="log-detail muted">Select a frame to see it in full.</aside>;
  const isCall = row.type === 2;
  const latency = isCall ? partner?.latencyMs : row.latencyMs;
  return (
    <aside className="log-detail" data-testid="log-detail">
      <h3>
        {TYPE[row.type] ?? 'not a frame'} {row.action} <span className="muted">#{row.seq}</span>
      </h3>
      <p className="small-text">
        {row.at} · {row.charger} · {directionText(row)} · leg {row.leg} · id <code>{row.id}</code>
      </p>
      {row.origin && (
        <p className="small-text" data-testid="log-origin">
          <Badge tone="info">{row.origin}</Badge> {ORIGIN_TEXT[row.origin]}
        </p>
      )}
      <div className="pair" data-testid="log-pair">
        {partner ? (
          <>
            {isCall ? 'Answered by' : 'Answers'}{' '}
            <button type="button" className="link" onClick={() => onOpen(partner)}>
              {TYPE[partner.type]} #{partner.seq}
            </button>
            {latency !== null && latency !== undefined && (
              <>
                {' '}
                in <strong data-testid="pair-latency">{ms(latency)}</strong>
              </>
            )}
          </>
        ) : isCall ? (
          <span className="muted">No answer logged (yet)</span>
        ) : (
          <span className="muted">Its call is not in the log</span>
        )}
      </div>
      {row.issues.length > 0 && (
        <div className="issues" data-testid="log-issues">
          <Badge tone="bad">schema</Badge>
          <ul>
            {row.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </div>
      )}
      <pre className="json">{pretty(row.raw)}</pre>
    </aside>
  );
}
