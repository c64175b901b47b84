/**
 * `fieldkit serial` and `fieldkit import-log`: the serial console headless. The ports come from the
 * OS adapter the bin hands in (app/ imports no native module). Console output goes to stdout as it
 * arrives, each lifted OCPP frame as one more line `OCPP <direction> <action> <id>`; what is typed on
 * stdin is sent; the session is recorded like any other.
 */
import { createInterface } from 'node:readline';
import { oneLine } from '../lib/printable.ts';
import { render } from '../lib/message.ts';
import { SerialConsoles } from '../serial/consoles.ts';
import type { LineEnding } from '../serial/framing.ts';
import { DEFAULT_SERIAL, LISTING_SOURCES, serialSettings, type SerialPorts, type SerialSettings } from '../serial/port.ts';
import { sessionOpener } from '../store/session-store.ts';
import type { FrameRecord } from '../store/records.ts';
import { EnvironmentError, UsageError, readInput, parseCommandLine } from './args.ts';
import { defaultDataDir } from './data-dir.ts';

export const SERIAL_USAGE = `fieldkit serial --list
fieldkit serial --port PATH [options]
  --list                 the serial ports, one a line: path, USB vendor:product id, chip, maker, serial number
                         (from udev, or from /sys where udevadm is missing; the source goes to stderr)
  --port PATH            open this port (also one the OS does not list: a pseudo-terminal, /dev/ttyS0 …)
  --baud N               baud rate (default 115200)
  --data-bits N          5, 6, 7 or 8 (default 8)
  --parity P             none, even, odd, mark or space (default none)
  --stop-bits N          1, 1.5 or 2 (default 1)
  --flow F               none, rtscts or xonxoff (default none)
  --line-ending E        auto, lf, crlf or cr: how lines end, and what is added to what you send (default auto: crlf)
  --charger ID           the charger id the session is recorded under (default serial-<port name>)
  --presets FILE         load a command preset file; type "!NAME value…" to run a command of it
  --data DIR             data folder for the session (default: the desktop app's)
  stdin: each line is sent with the line ending; "hex: 01 02 ff" sends bytes; "!" lists the presets
fieldkit import-log FILE [--charger ID] [--data DIR]
  turns a saved console log into a session and prints how many OCPP frames it lifted`;

export interface SerialCliEnv {
  /** Loads the OS adapter (native/serial.ts), only when a serial command runs. */
  readonly serialPorts?: () => Promise<SerialPorts>;
}

const direction = (f: FrameRecord) => (f.dir === 'rx' ? 'from-charger' : 'to-charger');

export async function serial(
  argv: string[],
  env: SerialCliEnv,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      list: { type: 'boolean' },
      port: { type: 'string' },
      baud: { type: 'string' },
      'data-bits': { type: 'string' },
      parity: { type: 'string' },
      'stop-bits': { type: 'string' },
      flow: { type: 'string' },
      'line-ending': { type: 'string' },
      charger: { type: 'string' },
      presets: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  if (!values.list && !values.port) throw new UsageError('serial needs --list or --port PATH');
  if (!env.serialPorts) throw new EnvironmentError('this build has no serial port support');
  const ports = await env.serialPorts().catch((e: Error) => {
    throw new EnvironmentError(`serial ports are not available here: ${e.message}`);
  });
  const print = (line: string) => out.write(`${line}\n`);
  const note = (line: string) => err.write(`${line}\n`);

  if (values.list) {
    const listing = await ports.list();
    if (listing.problem) note(`(${oneLine(render(listing.problem))})`);
    if (listing.ports.length === 0) note('no serial ports found (a pseudo-terminal, or an adapter the OS does not list, can still be opened with --port PATH)');
    else if (!listing.problem) note(`(listed from ${LISTING_SOURCES[listing.source]})`);
    for (const p of listing.ports) {
      const ids = p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '-';
      print(
        [p.path, ids, p.friendlyName ?? '-', p.manufacturer ? `maker=${p.manufacturer}` : '', p.serialNumber ? `serial=${p.serialNumber}` : '']
          .filter(Boolean)
          .map(oneLine)
          .join('  '),
      );
    }
    return 0;
  }

  const settings = lineSettings(values);
  const lineEnding = (values['line-ending'] ?? 'auto') as LineEnding;
  if (!['auto', 'lf', 'crlf', 'cr'].includes(lineEnding)) throw new UsageError(`--line-ending wants auto, lf, crlf or cr, got "${lineEnding}"`);
  const consoles = new SerialConsoles({ ports, openSession: sessionOpener({ dataDir: values.data ?? defaultDataDir() }, 'serial') });
  let family: string | null = null;
  if (values.presets) {
    const text = readInput(values.presets).toString('utf8');
    try {
      family = consoles.loadPresets(text, values.presets).family;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  consoles.on('line', ({ line }) => {
    if (line.dir === 'rx') print(oneLine(line.hex ?? line.text));
  });
  consoles.on('frame', (f) => print(`OCPP ${direction(f)} ${oneLine(f.action ?? '?')} ${oneLine(f.id ?? '?')}`));
  consoles.on('state', (s) => {
    if (s.phase === 'reconnecting') note(`-- ${s.path}: ${s.reason}; waiting for it to come back…`);
    else if (s.phase === 'open')
      note(
        `-- ${s.path} open at ${s.settings.baudRate} ${s.settings.dataBits}${s.settings.parity[0]!.toUpperCase()}${s.settings.stopBits}, recording session ${s.sessionId} as ${s.chargerId}`,
      );
  });
  let state;
  try {
    state = await consoles.open({ path: values.port!, settings, lineEnding, ...(values.charger ? { chargerId: values.charger } : {}) });
  } catch (e) {
    throw new EnvironmentError((e as Error).message);
  }
  const { consoleId } = state;

  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (typed) => void sendTyped(consoles, consoleId, typed, family, note));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  input.close();
  await consoles.closeAll();
  note(`-- closed; ${consoles.states()[0]?.lifted ?? 0} OCPP frames lifted, session saved`);
  return 0;
}

async function sendTyped(consoles: SerialConsoles, consoleId: string, typed: string, family: string | null, note: (line: string) => void): Promise<void> {
  try {
    if (typed.startsWith('!')) {
      const file = consoles.presets().find((p) => p.family === family) ?? consoles.presets()[0]!;
      const [name, ...args] = typed.slice(1).trim().split(/\s+/);
      const command = file.commands.find((c) => c.name.toLowerCase().replace(/\s+/g, '-') === (name ?? '').toLowerCase());
      if (!command) {
        note(
          `-- presets of ${file.family}: ${file.commands.map((c) => `!${c.name.toLowerCase().replace(/\s+/g, '-')}${(c.params ?? []).map((p) => ` <${p.name}>`).join('')}`).join('  ')}`,
        );
        return;
      }
      const values = Object.fromEntries((command.params ?? []).map((p, i) => [p.name, args[i] ?? '']));
      const run = await consoles.runPreset(consoleId, file.family, command.name, values);
      note(run.ok ? `-- ${command.name}: done${run.matched ? ` ("${run.matched}")` : ''}` : `-- ${command.name}: ${run.reason}`);
      return;
    }
    const hex = /^hex:\s*(.*)$/i.exec(typed);
    await consoles.send(consoleId, hex ? { hex: hex[1]! } : { text: typed });
  } catch (e) {
    note(`-- ${(e as Error).message}`);
  }
}

export function importLogCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseCommandLine({
    args: argv,
    options: { charger: { type: 'string' }, data: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('import-log wants one FILE');
  const file = positionals[0]!;
  const content = readInput(file);
  const consoles = new SerialConsoles({ openSession: sessionOpener({ dataDir: values.data ?? defaultDataDir() }, 'import') });
  const imported = consoles.importLog(file, content, values.charger);
  void consoles.closeAll();
  out.write(
    `Imported ${file} as session ${imported.sessionId} (charger ${imported.chargerId}): ${imported.stats.lifted} OCPP frames lifted from ${imported.lines} lines` +
      `${imported.stats.dropped > 0 ? `; ${imported.stats.dropped} could not be lifted (cut off, or not OCPP-J)` : ''}` +
      `${imported.undated > 0 ? `; ${imported.undated} had no printed date and are timed at the import` : ''}\n`,
  );
  return 0;
}

function lineSettings(values: { baud?: string; 'data-bits'?: string; parity?: string; 'stop-bits'?: string; flow?: string }): SerialSettings {
  // Say what was typed: "expected number, received NaN" does not tell an installer which flag or why.
  for (const [flag, example] of [
    ['baud', '115200'],
    ['data-bits', '8'],
    ['stop-bits', '1'],
  ] as const) {
    const raw = values[flag];
    if (raw !== undefined && !/^\d+(\.\d+)?$/.test(raw.trim())) throw new UsageError(`--${flag} wants a number such as ${example}, not "${raw}"`);
  }
  const wanted = {
    baudRate: values.baud === undefined ? DEFAULT_SERIAL.baudRate : Number(values.baud),
    dataBits: values['data-bits'] === undefined ? DEFAULT_SERIAL.dataBits : Number(values['data-bits']),
    parity: values.parity ?? DEFAULT_SERIAL.parity,
    stopBits: values['stop-bits'] === undefined ? DEFAULT_SERIAL.stopBits : Number(values['stop-bits']),
    flowControl: values.flow ?? DEFAULT_SERIAL.flowControl,
  };
  const parsed = serialSettings.safeParse(wanted);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${FLAG[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
  return parsed.data;
}

const FLAG: Record<string, string> = { baudRate: '--baud', dataBits: '--data-bits', parity: '--parity', stopBits: '--stop-bits', flowControl: '--flow' };
