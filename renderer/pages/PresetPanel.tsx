/**
 * Command presets on the console page: pick a charger family's file (the shipped placeholder one, or
 * one loaded here), a command, fill its parameters, run it, and see whether the expected response
 * came. A preset file with mistakes is refused with each mistake named.
 */
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useApp, useCommand, useHostContext } from '../hooks.ts';
import { Badge, CommandState } from '../components/common.tsx';

export function PresetPanel({ consoleId }: { consoleId: string }) {
  const { t } = useTranslation();
  const { store } = useHostContext();
  const presets = useApp((s) => s.serial.presets);
  const [family, setFamily] = useState(presets[0]?.family ?? '');
  const file = presets.find((p) => p.family === family) ?? presets[0];
  const [commandName, setCommandName] = useState('');
  const command = file?.commands.find((c) => c.name === commandName) ?? file?.commands[0];
  const [values, setValues] = useState<Record<string, string>>({});
  const [run, runPreset] = useCommand('serial.runPreset');
  const [loaded, load] = useCommand('serial.loadPresets');

  const loadFile = async (picked: File | undefined) => {
    if (!picked) return;
    const result = await load({ name: picked.name.replace(/[/\\]/g, '_'), text: await picked.text() });
    if (!result) return;
    store.setState((s) => ({ serial: { ...s.serial, presets: [...s.serial.presets.filter((p) => p.family !== result.family), result] } }));
    setFamily(result.family);
    setCommandName('');
  };

  return (
    <div className="presets" data-testid="console-presets">
      <div className="row">
        <strong>{t('preset.title')}</strong>
        <select
          value={file?.family ?? ''}
          onChange={(e) => (setFamily(e.target.value), setCommandName(''))}
          aria-label={t('preset.family')}
          data-testid="preset-family"
        >
          {presets.map((p) => (
            <option key={p.family}>{p.family}</option>
          ))}
        </select>
        <select value={command?.name ?? ''} onChange={(e) => setCommandName(e.target.value)} aria-label={t('preset.command')} data-testid="preset-command">
          {file?.commands.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
        {command?.params?.map((p) => (
          <input
            key={p.name}
            placeholder={p.name}
            title={p.description}
            value={values[p.name] ?? p.default ?? ''}
            onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
            data-testid={`preset-param-${p.name}`}
            spellCheck={false}
          />
        ))}
        <button
          type="button"
          onClick={() => command && file && runPreset({ consoleId, family: file.family, command: command.name, values })}
          disabled={!command}
          data-testid="preset-run"
        >
          {t('preset.run')}
        </button>
        <label className="small-text">
          {t('preset.load')}{' '}
          <input type="file" accept=".json,application/json" onChange={(e) => void loadFile(e.target.files?.[0])} data-testid="preset-file" />
        </label>
      </div>
      {file?.placeholder && (
        <p className="small-text warn-text">
          {file.family}
          {t('preset.placeholderNote')}
        </p>
      )}
      {command?.description && <p className="muted small-text">{command.description}</p>}
      <CommandState pending={loaded} />
      <CommandState pending={run}>
        {(r) => (
          <p className="small-text" data-testid="preset-result" data-ok={String(r.ok)}>
            <Badge tone={r.ok ? 'ok' : 'bad'}>{r.ok ? 'done' : 'no'}</Badge> {t('preset.sent')} <code>{r.sent || '—'}</code>
            {r.matched ? (
              <>
                {t('preset.answered')} <code>{r.matched}</code>
              </>
            ) : null}
            {r.reason ? `: ${r.reason}` : ''}
          </p>
        )}
      </CommandState>
    </div>
  );
}
