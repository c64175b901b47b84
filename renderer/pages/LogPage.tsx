/**
 * Every frame, virtualised so 100 000 rows scroll smoothly: filters by charger, action, direction,
 * leg and errors, free-text search, and a detail pane with the pretty JSON, its schema issues and the
 * call ↔ answer pairing with its latency. A relayed charger's two legs can be shown side by side:
 * the charger's connection on the left, the relay's connection to the platform on the right.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { isError, type LogFilter, type LogRow } from '../state/log.ts';
import { clockMs, ms, pretty } from '../format.ts';
import { Badge } from '../components/common.tsx';
import { keyFieldsOfRaw, previewLine } from '../../app/ocpp/key-fields.ts';

const TYPE = ['?', '', 'CALL', 'RESULT', 'ERROR'];

/** A row's key fields, worked out once for the rows that are shown (a log holds 200 000). */
const previews = new WeakMap<LogRow, string>();
function previewOf(row: LogRow): string {
  let line = previews.get(row);
  if (line === undefined) {
    line = previewLine(keyFieldsOfRaw(row.raw, row.action));
    previews.set(row, line);
  }
  return line;
}

/** The catalogue key of who is on the other end of a frame, by leg and direction. */
export function directionKey(row: Pick<LogRow, 'leg' | 'dir'>): string {
  if (row.leg === 'upstream') return row.dir === 'rx' ? 'log.fromPlatform' : 'log.toPlatform';
  return row.dir === 'rx' ? 'log.fromCharger' : 'log.toCharger';
}

export function LogPage() {
  const { t } = useTranslation();
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
        <select value={filter.charger} onChange={(e) => setFilter({ charger: e.target.value })} aria-label={t('log.charger')} data-testid="filter-charger">
          <option value="">{t('log.allChargers')}</option>
          {chargersSeen.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <select value={filter.action} onChange={(e) => setFilter({ action: e.target.value })} aria-label={t('log.action')} data-testid="filter-action">
          <option value="">{t('log.allActions')}</option>
          {actionsSeen.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <select
          value={filter.dir}
          onChange={(e) => setFilter({ dir: e.target.value as LogFilter['dir'] })}
          aria-label={t('log.direction')}
          data-testid="filter-dir"
        >
          <option value="">{t('log.bothDirections')}</option>
          <option value="rx">{t('log.fromCharger')}</option>
          <option value="tx">{t('log.toCharger')}</option>
        </select>
        {log.legs.size > 1 && (
          <select
            value={filter.leg}
            onChange={(e) => setFilter({ leg: e.target.value as LogFilter['leg'] })}
            aria-label={t('log.leg')}
            data-testid="filter-leg"
          >
            <option value="">{t('log.bothLegs')}</option>
            <option value="charger">{t('log.chargerLeg')}</option>
            <option value="upstream">{t('log.platformLeg')}</option>
            {log.legs.has('serial') && <option value="serial">{t('log.serialLeg')}</option>}
          </select>
        )}
        {relayed && (
          <label title={t('log.sideBySideTitle')}>
            <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} data-testid="legs-side-by-side" />{' '}
            {t('log.sideBySide')}
          </label>
        )}
        <label>
          <input type="checkbox" checked={filter.errorsOnly} onChange={(e) => setFilter({ errorsOnly: e.target.checked })} data-testid="filter-errors" />{' '}
          {t('log.errorsOnly')}
        </label>
        <input type="search" placeholder={t('log.search')} value={text} onChange={(e) => setText(e.target.value)} data-testid="filter-text" />
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {t('log.follow')}
        </label>
        <span className="muted" data-testid="log-count">
          {t('log.count', { count, total: log.rows.length })}
          {log.dropped > 0 ? ` ${t('log.dropped', { count: log.dropped })}` : ''}
        </span>
      </div>
      <div className="log-split">
        <div className={`log-list ${twoColumns ? 'two-legs' : ''}`} ref={parentRef} data-testid="log-list" onWheel={() => setFollow(false)}>
          {twoColumns && (
            <div className="leg-heads">
              <span>{t('log.chargerLeg')}</span>
              <span>{t('log.platformLeg')}</span>
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
                  title={row.origin ? t(`log.origin.${row.origin}`) : undefined}
                >
                  <span className="at">{clockMs(row.at)}</span>
                  <span className="who" title={row.charger}>
                    {row.charger}
                  </span>
                  <span className={`dir ${row.dir}`} title={t(directionKey(row))}>
                    {row.leg === 'upstream' ? (row.dir === 'rx' ? '⇓' : '⇑') : row.dir === 'rx' ? '⇐' : '⇒'}
                  </span>
                  <span className={`type t${row.type}`}>{TYPE[row.type] ?? '?'}</span>
                  <span className="action">{row.action}</span>
                  <span className="latency">{row.latencyMs !== null ? ms(row.latencyMs) : ''}</span>
                  <span className="raw" title={row.raw.length <= 2000 ? row.raw : undefined}>
                    {previewOf(row) ? (
                      <>
                        <span className="fields" data-testid="log-fields">
                          {previewOf(row)}
                        </span>{' '}
                        {row.raw}
                      </>
                    ) : (
                      row.raw
                    )}
                  </span>
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
  const { t } = useTranslation();
  if (!row) return <aside className="log-detail muted">{t('log.select')}</aside>;
  const isCall = row.type === 2;
  const latency = isCall ? partner?.latencyMs : row.latencyMs;
  return (
    <aside className="log-detail" data-testid="log-detail">
      <h3>
        {TYPE[row.type] ?? t('log.notAFrame')} {row.action} <span className="muted">#{row.seq}</span>
      </h3>
      <p className="small-text">
        {row.at} · {row.charger} · {t(directionKey(row))} · {t('log.legName', { leg: row.leg })} · id <code>{row.id}</code>
      </p>
      {row.origin && (
        <p className="small-text" data-testid="log-origin">
          <Badge tone="info">{row.origin}</Badge> {t(`log.origin.${row.origin}`)}
        </p>
      )}
      <div className="pair" data-testid="log-pair">
        {partner ? (
          <>
            {isCall ? t('log.answeredBy') : t('log.answers')}{' '}
            <button type="button" className="link" onClick={() => onOpen(partner)}>
              {TYPE[partner.type]} #{partner.seq}
            </button>
            {latency !== null && latency !== undefined && (
              <>
                {' '}
                {t('log.in')} <strong data-testid="pair-latency">{ms(latency)}</strong>
              </>
            )}
          </>
        ) : isCall ? (
          <span className="muted">{t('log.noAnswer')}</span>
        ) : (
          <span className="muted">{t('log.noCall')}</span>
        )}
      </div>
      {row.issues.length > 0 && (
        <div className="issues" data-testid="log-issues">
          <Badge tone="bad">{t('log.schema')}</Badge>
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
