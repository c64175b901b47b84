/** The command line: `fieldkit <command> [options]`. */
import { APP_VERSION } from '../version.ts';
import { EnvironmentError, UsageError } from './args.ts';
import { CHECK_USAGE, check } from './check.ts';
import { RELAY_USAGE, SERVE_USAGE, relay, serve } from './serve.ts';
import { SIM_USAGE, sim } from './sim.ts';
import { SERIAL_USAGE, importLogCommand, serial, type SerialCliEnv } from './serial.ts';
import { SESSIONS_USAGE, exportSession, openBundle, sessions } from './sessions.ts';

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
  help      show this text

${SERVE_USAGE}

${RELAY_USAGE}

${SIM_USAGE}

${CHECK_USAGE}

${SERIAL_USAGE}

${SESSIONS_USAGE}`;

/** env: what the bin hands in that app/ may not import itself (the OS's serial ports). */
export async function main(argv: string[], env: SerialCliEnv = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve(rest, process.stdout, 'serve', env);
        return 0;
      case 'relay':
        await relay(rest, process.stdout, env);
        return 0;
      case 'serial':
        return await serial(rest, env);
      case 'import-log':
        return importLogCommand(rest);
      case 'sessions':
        return sessions(rest);
      case 'export':
        return exportSession(rest);
      case 'open':
        return await openBundle(rest);
      case 'sim':
        await sim(rest);
        return 0;
      case 'check':
        return await check(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
        process.stdout.write(`${APP_VERSION}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`fieldkit: ${(err as Error).message}\n${usage ? 'run `fieldkit help` for the commands and their options\n' : ''}`);
    return usage || err instanceof EnvironmentError ? 2 : 1;
  }
}
