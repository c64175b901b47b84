/**
 * The serial console: pick the charger's service port (the list refreshes itself; any path can be
 * typed), set the line, watch the live console (search, pause, hex), send text or hex with a history,
 * run command presets, and follow the OCPP frames lifted from the output into the message log. A
 * saved console log can be imported (drop it here) and becomes a charger of its own.
 */
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConsoleLine, ConsoleState, Said, SerialListing } from '../../app/host/contract.ts';
import { said } from '../said.ts';
import { useApp, useCommand, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { Badge, CommandState, DropZone } from '../components/common.tsx';
import { fileToBase64 } from '../format.ts';
import { PresetPanel } from './PresetPanel.tsx';

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];
const PHASE_TONE: Record<ConsoleState['phase'], 'ok' | 'warn' | 'bad' | 'idle'> = { open: 'ok', opening: 'warn', reconnecting: 'bad', closed: 'idle' };

export function ConsolePage() {
  const { t } = useTranslation();
  const serial = useApp((s) => s.serial);
  const consoles = Object.values(serial.consoles);
  const [current, setCurrent] = useState<string | null>(null);
  const shown = serial.consoles[current ?? ''] ?? consoles.filter((c) => c.phase !== 'closed').at(-1) ?? consoles.at(-1);
  return (
    <div className="page console-page" data-testid="console-page">
      <div className="cards">
        {serial.supported ? <OpenPort onOpened={setCurrent} /> : <section className="card muted">{t('console.noSupport')}</section>}
        <ImportLog />
      </div>
      {consoles.length > 0 && (
        <div className="row console-tabs" data-testid="console-tabs">
          {consoles.map((c) => (
            <button key={c.consoleId} type="button" className={shown?.consoleId === c.consoleId ? 'active' : ''} onClick={() => setCurrent(c.consoleId)}>
              <Badge tone={PHASE_TONE[c.phase]}>{c.phase}</Badge> {c.path}
            </button>
          ))}
        </div>
      )}
      {shown && <ConsoleView state={shown} />}
    </div>
  );
}

function OpenPort({ onOpened }: { onOpened: (consoleId: string) => void }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const [listing, setListing] = useState<SerialListing | null>(null);
  const [portsProblem, setPortsProblem] = useState<Said | null>(null);
  const ports = listing?.ports ?? [];
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState('115200');
  const [dataBits, setDataBits] = useState<5 | 6 | 7 | 8>(8);
  const [parity, setParity] = useState<'none' | 'even' | 'odd' | 'mark' | 'space'>('none');
  const [stopBits, setStopBits] = useState<1 | 1.5 | 2>(1);
  const [flow, setFlow] = useState<'none' | 'rtscts' | 'xonxoff'>('none');
  const [lineEnding, setLineEnding] = useState<'auto' | 'lf' | 'crlf' | 'cr'>('auto');
  const [chargerId, setChargerId] = useState('');
  const [opened, open] = useCommand('serial.open');

  // Adapters come and go: the list refreshes itself while the page is open.
  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      host.invoke('serial.ports', {}).then(
        (list) => {
          if (stopped) return;
          setListing(list);
          setPortsProblem(list.problem);
        },
        (err: Error) => !stopped && setPortsProblem(err.message),
      );
    void refresh();
    const timer = setInterval(refresh, 2_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [host]);

  const submit = async () => {
    const state = await open({
      path: path.trim(),
      settings: { baudRate: Number(baud), dataBits, parity, stopBits, flowControl: flow },
      lineEnding,
      ...(chargerId.trim() ? { chargerId: chargerId.trim() } : {}),
    });
    if (state) onOpened(state.consoleId);
  };

  return (
    <section className="card" data-testid="serial-open">
      <h2>{t('console.servicePort')}</h2>
      <div className="form-grid">
        <label>
          {t('console.port')}
          <input
            list="serial-ports"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={ports[0]?.path ?? '/dev/ttyUSB0 or COM3'}
            data-testid="serial-path"
            spellCheck={false}
          />
          <datalist id="serial-ports">
            {ports.map((p) => (
              <option key={p.path} value={p.path}>
                {[p.friendlyName, p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join(' · ')}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          {t('console.baud')}
          <input list="serial-bauds" value={baud} onChange={(e) => setBaud(e.target.value)} data-testid="serial-baud" />
          <datalist id="serial-bauds">
            {BAUDS.map((b) => (
              <option key={b} value={b} />
            ))}
          </datalist>
        </label>
        <label>
          {t('console.dataBits')}
          <select value={dataBits} onChange={(e) => setDataBits(Number(e.target.value) as 5 | 6 | 7 | 8)}>
            {[8, 7, 6, 5].map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label>
          {t('console.parity')}
          <select value={parity} onChange={(e) => setParity(e.target.value as typeof parity)}>
            {['none', 'even', 'odd', 'mark', 'space'].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          {t('console.stopBits')}
          <select value={stopBits} onChange={(e) => setStopBits(Number(e.target.value) as 1 | 1.5 | 2)}>
            {[1, 1.5, 2].map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label>
          {t('console.flow')}
          <select value={flow} onChange={(e) => setFlow(e.target.value as typeof flow)}>
            <option value="none">{t('console.none')}</option>
            <option value="rtscts">{t('console.rtsCts')}</option>
            <option value="xonxoff">{t('console.xonXoff')}</option>
          </select>
        </label>
        <label>
          {t('console.lineEnding')}
          <select value={lineEnding} onChange={(e) => setLineEnding(e.target.value as typeof lineEnding)} data-testid="serial-line-ending">
            <option value="auto">{t('console.auto')}</option>
            <option value="crlf">{t('console.crlf')}</option>
            <option value="lf">{t('console.lf')}</option>
            <option value="cr">{t('console.cr')}</option>
          </select>
        </label>
        <label>
          {t('console.chargerId')}
          <input value={chargerId} onChange={(e) => setChargerId(e.target.value)} placeholder={t('console.chargerIdPlaceholder')} spellCheck={false} />
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={submit} disabled={!path.trim()} data-testid="serial-open-button">
          {t('console.open')}
        </button>
        <CommandState pending={opened} />
      </div>
      <table className="grid small-text" data-testid="serial-ports">
        <tbody>
          {ports.map((p) => (
            <tr key={p.path} onClick={() => setPath(p.path)} className="clickable">
              <td>
                <code>{p.path}</code>
              </td>
              <td>{p.friendlyName ?? '–'}</td>
              <td>{p.vendorId ? `${p.vendorId}:${p.productId}` : ''}</td>
              <td>{p.manufacturer ?? ''}</td>
              <td>{p.serialNumber ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ports.length === 0 && <p className="muted small-text">{t('console.noPorts')}</p>}
      {listing && ports.length > 0 && (
        <p className="muted small-text" data-testid="serial-ports-source">
          {t('console.listedFrom')} {t(`console.source.${listing.source}`)}.
        </p>
      )}
      {portsProblem && (
        <p className={listing?.ports.length ? 'muted small-text' : 'error-text small-text'} data-testid="serial-ports-problem">
          {t('console.portList')} {said(portsProblem)}
        </p>
      )}
    </section>
  );
}

function ImportLog() {
  const { t } = useTranslation();
  const { store } = useHostContext();
  const [imported, run] = useCommand('serial.import');
  // The imported charger joins the list through the host's events, like any other.
  const importFile = async (file: File) => {
    await run({ name: file.name.replace(/[/\\]/g, '_'), contentBase64: await fileToBase64(file) });
  };
  return (
    <DropZone testId="serial-import" accept=".log,.txt,text/plain" inputTestId="serial-import-file" onFile={(f) => void importFile(f)}>
      <h2>{t('console.import')}</h2>
      <p className="muted small-text">{t('console.importExplained')}</p>
      <CommandState pending={imported}>
        {(r) => (
          <p data-testid="serial-import-result">
            {r.lifted} {t('console.liftedFrom')} {r.lines} {t('console.lines')}
            {r.dropped > 0 ? t('console.notLifted', { count: r.dropped }) : ''}.{' '}
            <button type="button" className="link" onClick={() => actions.select(store, r.chargerId, 'charger')}>
              {t('console.open')} {r.chargerId}
            </button>
          </p>
        )}
      </CommandState>
    </DropZone>
  );
}

function ConsoleView({ state }: { state: ConsoleState }) {
  const { t } = useTranslation();
  const { store } = useHostContext();
  const all = useApp((s) => s.serial.lines[state.consoleId]);
  const version = useApp((s) => s.serial.linesVersion);
  const [search, setSearch] = useState('');
  const [paused, setPaused] = useState<number | null>(null);
  const [hex, setHex] = useState(false);
  const lines = useMemo(() => {
    const upTo = paused === null ? (all ?? []) : (all ?? []).filter((l) => l.seq <= paused);
    const needle = search.toLowerCase();
    return needle ? upTo.filter((l) => l.text.toLowerCase().includes(needle)) : upTo;
  }, [all, version, paused, search]); // eslint-disable-line react-hooks/exhaustive-deps -- the version counter stands for the mutable buffer's contents
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => parentRef.current, estimateSize: () => 20, overscan: 30 });
  useEffect(() => {
    if (paused === null && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, paused, virtualizer]);

  return (
    <section className="card console-view" data-testid="console-view" data-phase={state.phase}>
      <div className="row">
        <strong>{state.path}</strong> <Badge tone={PHASE_TONE[state.phase]}>{state.phase}</Badge>
        <span className="muted small-text">
          {state.settings.baudRate} {state.settings.dataBits}
          {state.settings.parity[0]!.toUpperCase()}
          {state.settings.stopBits} {t('console.recordingAs')}{' '}
          <button type="button" className="link" onClick={() => actions.select(store, state.chargerId, 'charger')}>
            {state.chargerId}
          </button>{' '}
          · {state.bytesIn} {t('console.bytesIn')} {state.bytesOut} {t('console.out')} <span data-testid="console-lifted">{state.lifted}</span>{' '}
          {t('console.lifted')}
          {state.dropped > 0 ? t('console.cutOff', { count: state.dropped }) : ''}
        </span>
        {state.reason && (
          <span className="error-text">
            {state.reason}
            {state.phase === 'reconnecting' ? `: ${t('console.waitingAdapter')}` : ''}
          </span>
        )}
      </div>
      <div className="row">
        <input type="search" placeholder={t('console.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="console-search" />
        <button type="button" onClick={() => setPaused(paused === null ? (all?.at(-1)?.seq ?? 0) : null)} data-testid="console-pause">
          {paused === null ? t('console.pause') : t('console.resumeNew', { count: (all?.length ?? 0) - lines.length })}
        </button>
        <label>
          <input type="checkbox" checked={hex} onChange={(e) => setHex(e.target.checked)} data-testid="console-hex" /> {t('console.hex')}
        </label>
        {state.phase !== 'closed' && <CloseButton consoleId={state.consoleId} />}
      </div>
      <div className="console-lines" ref={parentRef} data-testid="console-lines" onWheel={() => paused === null && setPaused(all?.at(-1)?.seq ?? 0)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            return <Line key={item.key} line={line} hex={hex} top={item.start} chargerId={state.chargerId} />;
          })}
        </div>
      </div>
      {state.phase !== 'closed' && <SendBox state={state} />}
      {state.phase !== 'closed' && <PresetPanel consoleId={state.consoleId} />}
    </section>
  );
}

function Line({ line, hex, top, chargerId }: { line: ConsoleLine; hex: boolean; top: number; chargerId: string }) {
  const { store } = useHostContext();
  const text = hex ? (line.hex ?? toHexText(line.text)) : (line.hex ?? line.text);
  return (
    <div
      className={`console-line ${line.dir} ${line.hex ? 'binary' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }}
      data-testid="console-line"
      data-dir={line.dir}
    >
      <span className="at">{new Date(line.at).toISOString().slice(11, 23)}</span>
      <span className="dir">{line.dir === 'tx' ? '>' : ''}</span>
      <span className="text">{text}</span>
      {line.frames?.map((seq) => (
        <button key={seq} type="button" className="link small-text" onClick={() => actions.showFrame(store, chargerId, seq)} data-testid="console-frame-link">
          OCPP #{seq}
        </button>
      ))}
    </div>
  );
}

function toHexText(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function CloseButton({ consoleId }: { consoleId: string }) {
  const { t } = useTranslation();
  const [closed, close] = useCommand('serial.close');
  return (
    <>
      <button type="button" onClick={() => close({ consoleId })} data-testid="console-close">
        {t('console.close')}
      </button>
      <CommandState pending={closed} />
    </>
  );
}

function SendBox({ state }: { state: ConsoleState }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'text' | 'hex'>('text');
  const [back, setBack] = useState(0);
  const [sent, send] = useCommand('serial.send');
  const submit = async () => {
    if (!text) return;
    if (await send({ consoleId: state.consoleId, ...(mode === 'hex' ? { hex: text } : { text }) })) {
      setText('');
      setBack(0);
    }
  };
  const recall = (step: number) => {
    const history = state.history;
    const next = Math.max(0, Math.min(history.length, back + step));
    setBack(next);
    setText(next === 0 ? '' : history[history.length - next]!);
  };
  return (
    <div className="row send-box" data-testid="console-send">
      <select value={mode} onChange={(e) => setMode(e.target.value as 'text' | 'hex')} aria-label={t('console.sendAs')} data-testid="console-send-mode">
        <option value="text">
          {t('console.textPlus')} {state.lineEnding === 'auto' ? 'CR LF' : state.lineEnding.toUpperCase()}
        </option>
        <option value="hex">{t('console.hexBytes')}</option>
      </select>
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void submit();
          else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            recall(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
        placeholder={mode === 'hex' ? '01 02 ff' : t('console.commandPlaceholder')}
        spellCheck={false}
        data-testid="console-input"
        size={50}
      />
      <button type="button" onClick={submit} disabled={!text || state.phase !== 'open'} data-testid="console-send-button">
        {t('console.send')}
      </button>
      <CommandState pending={sent} />
    </div>
  );
}
