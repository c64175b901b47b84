/** The command line: `fieldkit <command> [options]`. */
import { APP_VERSION } from '../lib/version.ts';
import { EXIT_CODES, EnvironmentError, UsageError } from './args.ts';
import { terminalSafe } from './terminal.ts';
import { CHECK_USAGE, check } from './check.ts';
import { RELAY_USAGE, SERVE_USAGE, relay, serve } from './serve.ts';
import { SIM_USAGE, sim } from './sim.ts';
import { SERIAL_USAGE, importLogCommand, serial, type SerialCliEnv } from './serial.ts';
import { SESSIONS_USAGE, exportSession, openBundle, sessions } from './sessions.ts';
import { CERTS_USAGE, certs } from './certs.ts';

const USAGE = `OCPP Field Kit ${APP_VERSION}

usage: fieldkit <command> [options]

commands:
  serve     run the local OCPP 1.6J central system headless, with the UI in a browser
  relay     the same, forwarding each charger to its platform (wss) and watching both legs
  sim       a simulated charge point (and EV) that connects to a central system
  check     run the readiness suite against one charger and write the reports
  serial    a charger's service console over USB-serial, with OCPP frames lifted from its log
  import-log  a saved console log as a session (its OCPP frames lifted)
  sessions  the recorded sessions of the data folder
  export    one session as a .fieldkit bundle for support (secrets redacted)
  open      a .fieldkit bundle, read-only in the browser UI
  certs     the local CA: its certificate, client certificates for chargers (Security Profile 3), CAs to trust
  help      show this text; "fieldkit help <command>" (or "<command> --help"): one command's options

${SERVE_USAGE}

${RELAY_USAGE}

${SIM_USAGE}

${CHECK_USAGE}

${SERIAL_USAGE}

${SESSIONS_USAGE}

${CERTS_USAGE}

${EXIT_CODES}`;

/** Each command's own help (`fieldkit help check`, `fieldkit check --help`). */
const COMMAND_USAGE: Record<string, string> = {
  serve: SERVE_USAGE,
  relay: RELAY_USAGE,
  sim: SIM_USAGE,
  check: CHECK_USAGE,
  serial: SERIAL_USAGE,
  'import-log': SERIAL_USAGE,
  sessions: SESSIONS_USAGE,
  export: SESSIONS_USAGE,
  open: SESSIONS_USAGE,
  certs: CERTS_USAGE,
};

/** env: what the bin hands in that app/ may not import itself (the OS's serial ports). */
export async function main(argv: string[], env: SerialCliEnv = {}): Promise<number> {
  const [command, ...rest] = argv;
  // Everything printed passes through one filter: ids, console lines and manifests come from outside.
  const out = terminalSafe(process.stdout);
  const err = terminalSafe(process.stderr);
  try {
    if (command !== undefined && Object.hasOwn(COMMAND_USAGE, command) && (rest.includes('--help') || rest.includes('-h'))) {
      out.write(`${COMMAND_USAGE[command]}\n`);
      return 0;
    }
    switch (command) {
      case 'serve':
        await serve(rest, out, 'serve', env);
        return 0;
      case 'relay':
        await relay(rest, out, env);
        return 0;
      case 'serial':
        return await serial(rest, env, out, err);
      case 'import-log':
        return importLogCommand(rest, out);
      case 'sessions':
        return sessions(rest, out);
      case 'export':
        return await exportSession(rest, out);
      case 'open':
        return await openBundle(rest, out);
      case 'certs':
        return await certs(rest, out);
      case 'sim':
        await sim(rest, out);
        return 0;
      case 'check':
        return await check(rest, out, err);
      case 'help':
        if (rest[0] !== undefined) {
          if (!Object.hasOwn(COMMAND_USAGE, rest[0])) throw new UsageError(`no command "${rest[0]}" to explain`);
          out.write(`${COMMAND_USAGE[rest[0]]}\n`);
          return 0;
        }
        out.write(`${USAGE}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
        out.write(`${USAGE}\n`);
        return 0;
      case '--version':
        out.write(`${APP_VERSION}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const helpFor = command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? `fieldkit help ${command}` : 'fieldkit help';
    err.write(`fieldkit: ${(error as Error).message}\n${usage ? `run \`${helpFor}\` for the options\n` : ''}`);
    return usage || error instanceof EnvironmentError ? 2 : 1;
  }
}
