/**
 * `fieldkit serve`: the headless host. Starts the central system and the UI/API server, prints the
 * URLs to give the charger, and logs every connection fact and frame as one readable line.
 */
import { fingerprintLine } from '../central/certificate.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from '../lib/version.ts';
import { createCore } from '../host/core.ts';
import { startUiServer } from '../host/http-server.ts';
import { defaultDataDir } from './data-dir.ts';
import { formatEvent, formatFrame } from './format.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';
import { oneLine } from '../lib/printable.ts';
import { checkTarget, RelayTargetError, type RelayTargetConfig } from '../relay/target.ts';
import type { SerialCliEnv } from './serial.ts';
import { EnvironmentError, UsageError, ftpPorts, parsePort, parseCommandLine, positiveNumber, readInput, securityProfileOption } from './args.ts';
import { checkIdentity, identityFacts, type ClientIdentity } from '../relay/client-identity.ts';
import { chargerPasswords, passwordFrom } from './credentials.ts';
import { startDemoOn } from '../host/demo.ts';

export const SERVE_USAGE = `fieldkit serve [options]
  --ws-port N        plain ws port (default 8180; 0 = any free port)
  --wss-port N       wss port, TLS 1.2 with the platform's cipher policy (default 8443)
  --no-ws, --no-wss  turn one of them off
  --host ADDR        address the central system listens on (default 0.0.0.0: all interfaces)
  --auth ID:PASSWORD Basic Auth password for a charge point (repeatable; ID * = any other charger);
                     shows in the process list: prefer --auth-file or FIELDKIT_AUTH
  --auth-file FILE   the same, one ID:PASSWORD a line (# comments); FIELDKIT_AUTH holds the same lines
  --accept-any       admit any charger whatever its credentials (bench use; still recorded)
  --strict           answer schema-invalid CALLs with a CALLERROR, as a strict platform would
  --heartbeat S      heartbeat interval given in BootNotification answers (default 60)
  --ftp-port N       FTP port for firmware and diagnostics over ftp:// (default 2121; listens only while a
                     transfer is offered); --ftp-passive MIN-MAX its passive data ports (default 30000-30099)
  --security-profile 2|3  how wss chargers log in: 2 (default) Basic Auth; 3 a client certificate that
                     chains to a trusted CA (fieldkit certs), is valid and whose CN is the charge point id
  --cert F --key F   use this certificate for wss instead of the generated one
  --data DIR         data folder (sessions, certificate); default: the desktop app's
  --ui-port N        port of the browser UI and host API (default 8099, or any free port when that is taken; 0 = any)
  --ui-host ADDR     address of the UI (default 127.0.0.1: this computer only)
  --quiet            do not log frames
  --demo             also start two simulated chargers, one with a car charging`;

export const RELAY_USAGE = `fieldkit relay --upstream URL [options]   (and every option of serve)
  the local central system forwards each charger to the platform at URL, frame for frame,
  records both legs, and answers the charger itself while the platform is unreachable
  --upstream URL           the platform's OCPP endpoint (wss://…); the charger id is appended
  --upstream-password PW   Basic Auth password at the platform; user = the presented id
  --upstream-password-file FILE, or FIELDKIT_UPSTREAM_PASSWORD: the same, out of the process list
  --forward-charger-auth   log in at the platform with each charger's own Basic Auth (the platform
                           decides; no stored password is used)
  --present-as ID          present this id upstream instead of the charger's own
  --ca FILE                also trust this CA certificate (PEM) for the platform's certificate
  --upstream-cert FILE --upstream-key FILE   present this client certificate (PEM) to a platform that
                           asks for one (Security Profile 3 on the platform leg)
  --upstream-pfx FILE      the same as one PKCS#12 file; its passphrase from --upstream-passphrase-file FILE
                           or FIELDKIT_UPSTREAM_PASSPHRASE
  --insecure               allow a plain ws:// upstream (test platforms only)
  --no-replay              do not replay transaction messages after an outage
  --admit-any-charger      admit chargers without checking their password (see below)
  Chargers must be admitted by password (--auth, --auth-file, FIELDKIT_AUTH) or log in at the
  platform themselves (--forward-charger-auth): otherwise anyone on this network could pose as a
  charger and be logged in at the platform with your password. The relay refuses to start without
  one of these unless --admit-any-charger is given.`;

const RELAY_OPTIONS = {
  upstream: { type: 'string' },
  'upstream-password': { type: 'string' },
  'present-as': { type: 'string' },
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
  'no-replay': { type: 'boolean' },
  'upstream-password-file': { type: 'string' },
  'forward-charger-auth': { type: 'boolean' },
  'admit-any-charger': { type: 'boolean' },
  'upstream-cert': { type: 'string' },
  'upstream-key': { type: 'string' },
  'upstream-pfx': { type: 'string' },
  'upstream-passphrase-file': { type: 'string' },
} as const;

export function relay(argv: string[], out: NodeJS.WritableStream = process.stdout, env: SerialCliEnv = {}): Promise<void> {
  return serve(argv, out, 'relay', env);
}

export async function serve(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  mode: 'serve' | 'relay' = 'serve',
  env: SerialCliEnv = {},
): Promise<void> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      ...(mode === 'relay' ? RELAY_OPTIONS : {}),
      'ws-port': { type: 'string' },
      'wss-port': { type: 'string' },
      'no-ws': { type: 'boolean' },
      'no-wss': { type: 'boolean' },
      host: { type: 'string' },
      auth: { type: 'string', multiple: true },
      'auth-file': { type: 'string' },
      'accept-any': { type: 'boolean' },
      strict: { type: 'boolean' },
      heartbeat: { type: 'string' },
      'ftp-port': { type: 'string' },
      'ftp-passive': { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'security-profile': { type: 'string' },
      data: { type: 'string' },
      'ui-port': { type: 'string' },
      'ui-host': { type: 'string' },
      quiet: { type: 'boolean' },
      demo: { type: 'boolean' },
    },
    strict: true,
  });
  const print = (line: string) => out.write(`${line}\n`);
  const passwords = chargerPasswords(values.auth, values['auth-file'], process.env, print);
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
  const strict = values.strict === true;
  const dataDir = values.data ?? defaultDataDir();
  const securityProfile = securityProfileOption(values['security-profile']) ?? 2;
  // Every number is checked before anything listens: a mistake is said as the mistake, not as a taken port.
  const uiPort = parsePort(values['ui-port'], 8099, '--ui-port');
  if (securityProfile === 3 && values['no-wss']) throw new UsageError('--security-profile 3 is about wss: it cannot go with --no-wss');
  const relayed = mode === 'relay' ? relayTarget(values as RelayValues, print) : null;
  const admitAnyCharger = relayed !== null && (values as RelayValues)['admit-any-charger'] === true;
  if (relayed && passwords.size === 0 && values['accept-any'] !== true && !relayed.config.forwardChargerAuth && !admitAnyCharger) {
    throw new UsageError(
      "the relay would admit any charger on this network and log it in at the platform with your upstream password: give the chargers' passwords (--auth-file FILE, FIELDKIT_AUTH or --auth ID:PASSWORD), or --forward-charger-auth so that each charger logs in with its own, or accept the risk with --admit-any-charger",
    );
  }
  // The serial console page needs the OS's ports; without them the rest still runs.
  const serialPorts = env.serialPorts
    ? await env.serialPorts().catch((e: Error) => (out.write(`serial ports are not available: ${e.message}\n`), undefined))
    : undefined;
  const core = await createCore({
    dataDir,
    host: values.host ?? '0.0.0.0',
    wsPort: values['no-ws'] ? null : parsePort(values['ws-port'], 8180, '--ws-port'),
    wssPort: values['no-wss'] ? null : parsePort(values['wss-port'], 8443, '--wss-port'),
    passwords,
    // Forwarding the charger's own credentials, the platform judges them; --admit-any-charger is the user's explicit choice.
    acceptAny: values['accept-any'] === true || (relayed !== null && passwords.size === 0 && (relayed.config.forwardChargerAuth === true || admitAnyCharger)),
    strictByDefault: strict,
    securityProfile,
    heartbeatInterval: Math.round(positiveNumber(values.heartbeat, 60, '--heartbeat', 'seconds')),
    ...ftpPorts(values['ftp-port'], values['ftp-passive']),
    ...(values.cert && values.key ? { userCertificate: { certFile: values.cert, keyFile: values.key } } : {}),
    ...(relayed ? { relay: { targets: [{ chargerId: '*', config: relayed.config, password: relayed.password, identity: relayed.identity }] } } : {}),
    ...(serialPorts ? { serialPorts } : {}),
  });
  const quiet = values.quiet === true;
  // Straight from the sources, not through the host's event stream: that stream is for UIs, and
  // listening to it would have the host compute every charger's view changes on every tick for a
  // terminal that prints none of them.
  const problem = (data: { sessionId: string; message: string | null }) =>
    print(
      data.message
        ? `!! cannot write session ${data.sessionId}: ${oneLine(data.message)} (kept in memory, retrying)`
        : `!! session ${data.sessionId} is being written again`,
    );
  const frame = (record: FrameRecord) => print(formatFrame(record));
  const event = (record: EventRecord) => {
    if (record.event.kind !== 'ping') print(formatEvent(record));
  };
  if (!quiet) core.central.on('frame', frame);
  if (!quiet) core.serial.on('frame', frame);
  core.central.on('event', event);
  core.serial.on('event', event);
  core.central.on('store-problem', problem);
  try {
    await core.central.start();
  } catch (err) {
    await core.close(); // the file server listens already: let the process end
    // A port in use is the machine's state, not the app's error: the same exit status as everywhere (2).
    throw new EnvironmentError(`cannot listen: ${(err as Error).message}`);
  }
  const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  let ui: Awaited<ReturnType<typeof startUiServer>>;
  try {
    ui = await startUiServer(core.host, {
      host: values['ui-host'] ?? '127.0.0.1',
      port: uiPort,
      staticDir,
      // The default port may be another Field Kit's: move aside. A port the user chose is theirs to change.
      orAnyFreePort: values['ui-port'] === undefined,
    });
  } catch (err) {
    // Without its UI the app is not running: the chargers' ports are let go, and the reason is the exit.
    await core.close();
    throw err instanceof UsageError ? err : new EnvironmentError((err as Error).message);
  }

  const demo = values.demo ? startDemoOn(core) : undefined;
  const info = core.connectInfo();
  print(`OCPP Field Kit ${APP_VERSION} - local OCPP 1.6J central system${relayed ? ', relaying' : ''}`);
  if (relayed) {
    print(
      `Relaying every charger to ${relayed.config.url}/<id>${relayed.config.presentAs ? ` as ${relayed.config.presentAs}` : ''} (${relayed.config.forwardChargerAuth ? "each charger's own credentials forwarded" : relayed.password === null ? 'no upstream password' : 'upstream password set'}${relayed.config.caFile ? `, extra CA ${relayed.config.caFile}` : ''}${relayed.identity ? `, client certificate ${relayed.identity.kind === 'pem' ? (identityFacts(relayed.identity)?.subject ?? '') : '(PKCS#12)'}` : ''}; replay after outages ${relayed.config.replay === false ? 'off' : 'on'})`,
    );
  }
  if (admitAnyCharger && passwords.size === 0) {
    print(
      '!! --admit-any-charger: any device on this network that connects is relayed to the platform' +
        (relayed?.password ? ' and logged in there with your upstream password' : ''),
    );
  }
  print(`Point your charger at (CP_ID = its charge point id):`);
  for (const url of info.urls) print(`  ${url.url}`);
  if (core.certificate) print(`wss certificate (${core.certificate.source}) SHA-256: ${fingerprintLine(core.certificate)}`);
  if (securityProfile === 3) {
    const local = info.trustedCas.find((c) => c.source === 'local');
    print(
      `Security Profile 3: wss chargers log in with a client certificate from ${info.trustedCas.length === 1 ? 'the local CA' : `one of ${info.trustedCas.length} trusted CAs`} whose CN is their id (no password); one without a certificate only with its password, to ask for one (SignCertificate)`,
    );
    if (local)
      print(`  local CA ${oneLine(local.subject)} SHA-256 ${local.sha256}: \`fieldkit certs ca --out ca.pem\`, \`fieldkit certs issue CP_ID --out DIR\``);
  }
  print(
    info.acceptAny
      ? 'Basic Auth: any charger is admitted (--accept-any); what it presents is recorded'
      : info.passwordsFor.length > 0
        ? `Basic Auth: user = charge point id; passwords set for ${info.passwordsFor.join(', ')}`
        : 'Basic Auth: no passwords set: every charger will be refused (add --auth ID:PASSWORD or --accept-any)',
  );
  print(`Sessions are recorded in ${info.dataDir}`);
  if (ui.movedFrom !== null) print(`UI port ${ui.movedFrom} is in use (another Field Kit?): this one's UI is on port ${new URL(ui.url).port} instead`);
  print(`UI and host API: ${ui.openUrl}`);
  if (!existsSync(`${staticDir}/index.html`)) print('   (the UI is not built: `npm run build` builds it; `npm run serve` does so first)');
  if (demo) print(`Demo: simulated chargers ${demo.chargers.map((c) => c.id).join(' and ')} are connecting; a car is charging on DEMO-1.`);
  print('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(130); // a second Ctrl-C: stop now
      stopping = true;
      (demo ? demo.stop() : Promise.resolve())
        .then(() => Promise.all([core.close(), ui.close()]))
        .then(
          () => resolve(),
          () => resolve(),
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  print('Stopped. Sessions are saved.');
}

type RelayValues = {
  upstream?: string;
  'upstream-password'?: string;
  'upstream-password-file'?: string;
  'present-as'?: string;
  ca?: string;
  insecure?: boolean;
  'no-replay'?: boolean;
  'forward-charger-auth'?: boolean;
  'admit-any-charger'?: boolean;
  'upstream-cert'?: string;
  'upstream-key'?: string;
  'upstream-pfx'?: string;
  'upstream-passphrase-file'?: string;
};

/** The client certificate for the platform leg, read from the files given; null when none was. */
function upstreamIdentity(values: RelayValues): ClientIdentity | null {
  const { 'upstream-cert': cert, 'upstream-key': key, 'upstream-pfx': pfx } = values;
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--upstream-cert and --upstream-key go together');
  if (pfx !== undefined && cert !== undefined) throw new UsageError('--upstream-pfx or --upstream-cert/--upstream-key: one of the two');
  if (values['upstream-passphrase-file'] !== undefined && pfx === undefined) throw new UsageError('--upstream-passphrase-file goes with --upstream-pfx');
  let identity: ClientIdentity | null = null;
  if (cert !== undefined && key !== undefined) identity = { kind: 'pem', cert: readInput(cert).toString('utf8'), key: readInput(key).toString('utf8') };
  if (pfx !== undefined) {
    const file = values['upstream-passphrase-file'];
    const passphrase =
      file !== undefined
        ? readInput(file)
            .toString('utf8')
            .replace(/\r?\n$/, '')
        : process.env.FIELDKIT_UPSTREAM_PASSPHRASE;
    identity = { kind: 'pkcs12', pfxBase64: readInput(pfx).toString('base64'), ...(passphrase !== undefined ? { passphrase } : {}) };
  }
  if (identity) {
    try {
      checkIdentity(identity);
    } catch (err) {
      if (err instanceof RelayTargetError) throw new UsageError(err.message);
      throw err;
    }
  }
  return identity;
}

function relayTarget(
  values: RelayValues,
  warn: (line: string) => void,
): { config: RelayTargetConfig; password: string | null; identity: ClientIdentity | null } {
  if (!values.upstream) throw new UsageError('relay needs --upstream wss://platform.example/ocpp');
  const config: RelayTargetConfig = {
    url: values.upstream,
    ...(values['present-as'] ? { presentAs: values['present-as'] } : {}),
    ...(values.ca ? { caFile: values.ca } : {}),
    allowInsecure: values.insecure === true,
    replay: values['no-replay'] !== true,
    ...(values['forward-charger-auth'] ? { forwardChargerAuth: true } : {}),
  };
  try {
    checkTarget(config);
  } catch (err) {
    if (err instanceof RelayTargetError) throw new UsageError(err.message);
    throw err;
  }
  if (config.forwardChargerAuth && (values['upstream-password'] !== undefined || values['upstream-password-file'] !== undefined)) {
    throw new UsageError("--forward-charger-auth sends each charger's own credentials: an upstream password would not be used, leave it out");
  }
  const password = config.forwardChargerAuth
    ? null
    : passwordFrom(
        {
          flag: '--upstream-password',
          value: values['upstream-password'],
          fileFlag: '--upstream-password-file',
          file: values['upstream-password-file'],
          envName: 'FIELDKIT_UPSTREAM_PASSWORD',
          env: process.env,
        },
        warn,
      );
  return { config, password, identity: upstreamIdentity(values) };
}
