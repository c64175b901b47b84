/**
 * The charger's configuration as GetConfiguration reports it: an editable table (read-only keys
 * locked, unknown keys shown), each ChangeConfiguration's result inline, and the platform preset.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutcome, OcppResponse } from '../../app/host/contract.ts';
import { NONE, useApp, useChargerCall, useHostContext, type Pending } from '../hooks.ts';
import { Badge, Outcome } from '../components/common.tsx';
import { dateTime } from '../format.ts';

export function ConfigPage({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const configuration = useApp((s) => s.chargers[chargerId]?.view?.configuration ?? null);
  const preset = useApp((s) => s.info?.platformPreset ?? NONE);
  const [read, runRead, forgetRead] = useChargerCall<'GetConfiguration'>();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [results, setResults] = useState<Record<string, Pending<CallOutcome<OcppResponse<'ChangeConfiguration'>>>>>({});
  const [filter, setFilter] = useState('');
  const [custom, setCustom] = useState({ key: '', value: '' });
  const [presetNote, setPresetNote] = useState<string | null>(null);
  const [customResult, setCustomResult] = useState<Pending<CallOutcome<OcppResponse<'ChangeConfiguration'>>>>({ state: 'idle' });
  // Values the charger Accepted since the last read: shown instead of the read value (it has not been read back yet).
  const [applied, setApplied] = useState<{ readAt: number | null; values: Record<string, string> }>({ readAt: null, values: {} });
  const appliedValues = applied.readAt === (configuration?.at ?? null) ? applied.values : {};

  const readAll = () => runRead(chargerId, 'GetConfiguration', {});
  /** Checks the value (a number for a numeric key, true/false…), then sends it; the result shows where the user typed. */
  const change = async (
    key: string,
    value: string,
    show = (p: Pending<CallOutcome<OcppResponse<'ChangeConfiguration'>>>) => setResults((r) => ({ ...r, [key]: p })),
  ) => {
    const checked = await host.invoke('ocpp.validate', { action: 'ChangeConfiguration', payload: { key, value }, chargerId }).catch(() => null);
    if (checked && checked.issues.length > 0) {
      show({ state: 'error', message: checked.issues.map((i) => i.message).join('; ') });
      return undefined;
    }
    if (
      checked &&
      checked.warnings.length > 0 &&
      !window.confirm(`${checked.warnings.map((w) => w.message).join('\n')}\n\n${t('config.sendAnyway', { key, value })}`)
    ) {
      show({ state: 'error', message: t('config.cancelled', { why: checked.warnings.map((w) => w.message).join('; ') }) });
      return undefined;
    }
    show({ state: 'pending', since: Date.now() });
    try {
      const outcome = await host.invoke('charger.call', { chargerId, action: 'ChangeConfiguration', payload: { key, value } });
      show({ state: 'done', value: outcome as CallOutcome<OcppResponse<'ChangeConfiguration'>> });
      if (outcome.ok) setEdits(({ [key]: _done, ...rest }) => rest);
      const status = outcome.ok ? (outcome.payload as { status?: string }).status : undefined;
      if (status === 'Accepted' || status === 'RebootRequired')
        setApplied((a) => ({ readAt: configuration?.at ?? null, values: { ...(a.readAt === (configuration?.at ?? null) ? a.values : {}), [key]: value } }));
      return outcome;
    } catch (err) {
      show({ state: 'error', message: (err as Error).message });
      return undefined;
    }
  };
  /** The preset as it would be sent to this charger: its own measurands kept beside the platform's, or what goes asked for. */
  const applyPreset = async () => {
    let planned;
    try {
      planned = await host.invoke('config.preset', { chargerId });
    } catch (err) {
      setPresetNote(t('config.presetFailed', { message: (err as Error).message }));
      return;
    }
    if (planned.dropped.length > 0 && !window.confirm(t('config.presetDrops', { dropped: planned.dropped.join(', '), max: planned.maxLength })))
      return setPresetNote(t('config.presetCancelled'));
    setPresetNote(planned.kept.length > 0 ? t('config.presetKeeps', { kept: planned.kept.join(', ') }) : null);
    for (const { key, value } of planned.changes) await change(key, value);
    await readAll();
  };

  const keys = (configuration?.keys ?? []).filter((k) => !filter || k.key.toLowerCase().includes(filter.toLowerCase()));
  const status = (key: string) => {
    const r = results[key];
    return r?.state === 'done' && r.value.ok ? (r.value.payload.status ?? '') : '';
  };

  return (
    <div className="page config-page">
      <section className="card">
        <div className="row">
          <button type="button" onClick={readAll} data-testid="config-read">
            {t('config.read')}
          </button>
          <button type="button" onClick={applyPreset} title={preset.map((p) => `${p.key}=${p.value}`).join('\n')} data-testid="config-preset">
            {t('config.applyPreset')}
          </button>
          <span className="muted small-text">{preset.map((p) => `${p.key} = ${p.value}`).join(' · ')}</span>
        </div>
        {presetNote && (
          <p className="small-text" data-testid="config-preset-note">
            {presetNote}
          </p>
        )}
        <Outcome pending={read.state === 'done' && read.value.ok ? { state: 'idle' } : read} onForget={forgetRead} />
        {preset.map((p) =>
          results[p.key] ? (
            <div key={p.key} className="small-text">
              {p.key}: <Outcome pending={results[p.key]!} />
            </div>
          ) : null,
        )}
      </section>
      {configuration ? (
        <section className="card">
          <div className="row">
            <input type="search" placeholder={t('config.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
            <span className="muted">{t('config.readAt', { at: dateTime(configuration.at), count: configuration.keys.length })}</span>
          </div>
          <table className="grid config" data-testid="config-table">
            <thead>
              <tr>
                <th>{t('config.key')}</th>
                <th>{t('config.value')}</th>
                <th />
                <th>{t('config.result')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => {
                const edited = edits[k.key];
                const current = appliedValues[k.key] ?? k.value ?? '';
                return (
                  <tr key={k.key} data-key={k.key}>
                    <td>
                      <code>{k.key}</code> {k.readonly && <Badge tone="idle">{t('config.readOnly')}</Badge>}
                    </td>
                    <td>
                      {k.readonly ? (
                        <span className="value">{k.value ?? ''}</span>
                      ) : (
                        <input
                          className="value"
                          value={edited ?? current}
                          title={appliedValues[k.key] !== undefined ? t('config.changedTitle') : undefined}
                          onChange={(e) => setEdits((s) => ({ ...s, [k.key]: e.target.value }))}
                          onKeyDown={(e) => e.key === 'Enter' && edited !== undefined && change(k.key, edited)}
                          data-testid={`config-value-${k.key}`}
                        />
                      )}
                    </td>
                    <td>
                      {!k.readonly && (
                        <button
                          type="button"
                          className="small"
                          disabled={edited === undefined || edited === current}
                          onClick={() => change(k.key, edited!)}
                          data-testid={`config-save-${k.key}`}
                        >
                          {t('config.change')}
                        </button>
                      )}
                    </td>
                    <td data-testid={`config-result-${k.key}`} data-status={status(k.key)}>
                      {results[k.key] && <Outcome pending={results[k.key]!} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {configuration.unknownKeys.length > 0 && (
            <p>
              {t('config.unknownKeys')}{' '}
              {configuration.unknownKeys.map((k) => (
                <code key={k}>{k} </code>
              ))}
            </p>
          )}
        </section>
      ) : (
        <p className="muted">{t('config.notRead')}</p>
      )}
      <section className="card">
        <h2>{t('config.another')}</h2>
        <p className="muted small-text">{t('config.anotherExplained')}</p>
        <div className="row">
          <input
            placeholder={t('config.key')}
            value={custom.key}
            onChange={(e) => setCustom({ ...custom, key: e.target.value })}
            data-testid="config-custom-key"
          />
          <input
            placeholder={t('config.value')}
            value={custom.value}
            onChange={(e) => setCustom({ ...custom, value: e.target.value })}
            data-testid="config-custom-value"
          />
          <button type="button" disabled={!custom.key} onClick={() => change(custom.key, custom.value, setCustomResult)} data-testid="config-custom-send">
            {t('config.change')}
          </button>
        </div>
        <Outcome pending={customResult} testId="config-custom-result" />
      </section>
    </div>
  );
}
