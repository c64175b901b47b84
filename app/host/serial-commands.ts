/** The host's commands over serial consoles and imported console logs. */
import { msg } from '../lib/message.ts';
import type { SerialConsoles } from '../serial/consoles.ts';
import { required } from './host-error.ts';
import type { Handlers } from './handler.ts';

type Names =
  | 'serial.ports'
  | 'serial.open'
  | 'serial.close'
  | 'serial.send'
  | 'serial.setLineEnding'
  | 'serial.lines'
  | 'serial.state'
  | 'serial.presets'
  | 'serial.loadPresets'
  | 'serial.runPreset'
  | 'serial.import';

export function serialCommands(deps: { readonly serial?: SerialConsoles }): Handlers<Names> {
  const serial = () => required(deps.serial, msg`this host has no serial consoles`);
  return {
    'serial.ports': () => serial().ports(),
    'serial.open': (args) => serial().open(args),
    'serial.close': async ({ consoleId }) => (await serial().close(consoleId), { ok: true }),
    'serial.send': async ({ consoleId, text, hex }) => ({ bytes: await serial().send(consoleId, hex !== undefined ? { hex } : { text: text ?? '' }) }),
    'serial.setLineEnding': ({ consoleId, lineEnding }) => serial().setLineEnding(consoleId, lineEnding),
    'serial.lines': ({ consoleId, afterSeq, limit }) => ({ lines: serial().lines(consoleId, afterSeq, limit) }),
    'serial.state': () => serial().states(),
    'serial.presets': () => serial().presets(),
    'serial.loadPresets': ({ name, text }) => serial().loadPresets(text, name),
    'serial.runPreset': ({ consoleId, family, command, values }) => serial().runPreset(consoleId, family, command, values),
    'serial.import': ({ name, contentBase64, chargerId }) => {
      const imported = serial().importLog(name, Buffer.from(contentBase64, 'base64'), chargerId);
      return {
        sessionId: imported.sessionId,
        chargerId: imported.chargerId,
        lines: imported.lines,
        lifted: imported.stats.lifted,
        dropped: imported.stats.dropped,
        undated: imported.undated,
      };
    },
  };
}
