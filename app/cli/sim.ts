/**
 * `fieldkit sim`: one simulated charge point on a terminal. Logs what it does and every frame;
 * reads commands from stdin (plug, unplug, swipe, fault, clear, drop, status, quit).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { oneLine } from '../lib/printable.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { QuirkError, parseQuirks } from '../sim/quirks.ts';
import { UsageError, positiveNumber, parseCommandLine, readInput, securityProfileOption } from './args.ts';
import { passwordFrom } from './credentials.ts';

export const SIM_USAGE = `fieldkit sim --url ws[s]://HOST:PORT/PATH --id ID [options]
  --password PW        Basic Auth password (user = ID); --password-file FILE or FIELDKIT_SIM_PASSWORD
                       keep it out of the process list
  --connectors N       connectors (default 1)
  --phases 1|3         phases (default 3)
  --max-current A      charger/cable limit per phase (default 32)
  --quirk NAME[=V]     a known misbehaviour (repeatable; see docs/simulator.md)
  --insecure           accept any server certificate
  --ca FILE            trust this CA (PEM) for wss and HTTPS transfers
  --sample-interval S  MeterValueSampleInterval to start with (default 60)
  --no-free-vend       wait for "swipe" or RemoteStartTransaction instead of starting on plug-in
  --plug N             plug a car into connector N once connected
  --transfer-protocols LIST  SupportedFileTransferProtocols it reports (default FTP,HTTP; '' says nothing)
  --diagnostics-name NAME    upload every diagnostics file under this one name (as many chargers do)
  --security-profile 2|3     its SecurityProfile: 2 password over wss; 3 a client certificate (with
                       --cert FILE --key FILE, or asked for with SignCertificate after its boot, by its
                       password, and used from its next connection)
  --issuer-cert FILE --issuer-key FILE  a CA to mint broken certificates from (quirks cert-expired,
                       cert-wrong-cn; on a bench, the central system's <data>/certs/ca.pem and ca.key.pem)
  commands on stdin: plug [N] [SOC%] | unplug [N] | swipe N TAG | fault N [ERRORCODE] | clear N | drop | status | quit`;

export async function sim(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      url: { type: 'string' },
      id: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      connectors: { type: 'string' },
      phases: { type: 'string' },
      'max-current': { type: 'string' },
      quirk: { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
      ca: { type: 'string' },
      'sample-interval': { type: 'string' },
      'no-free-vend': { type: 'boolean' },
      plug: { type: 'string', multiple: true },
      'transfer-protocols': { type: 'string' },
      'diagnostics-name': { type: 'string' },
      'security-profile': { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'issuer-cert': { type: 'string' },
      'issuer-key': { type: 'string' },
    },
    strict: true,
  });
  const profile = securityProfileOption(values['security-profile']);
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
  if ((values['issuer-cert'] === undefined) !== (values['issuer-key'] === undefined)) throw new UsageError('--issuer-cert and --issuer-key go together');
  const text = (file: string) => readInput(file).toString('utf8');
  if (!values.url || !/^wss?:\/\//.test(values.url)) throw new UsageError('--url wants ws://… or wss://…');
  if (!values.id) throw new UsageError('--id is required');
  const phases = values.phases === undefined ? 3 : Number(values.phases);
  if (phases !== 1 && phases !== 3) throw new UsageError('--phases is 1 or 3');
  const positive = positiveNumber;
  let quirks;
  try {
    quirks = parseQuirks(values.quirk ?? []);
  } catch (err) {
    if (err instanceof QuirkError) throw new UsageError(err.message);
    throw err;
  }
  const password = passwordFrom(
    {
      flag: '--password',
      value: values.password,
      fileFlag: '--password-file',
      file: values['password-file'],
      envName: 'FIELDKIT_SIM_PASSWORD',
      env: process.env,
    },
    (line) => out.write(`${line}\n`),
  );
  let cp: SimChargePoint;
  try {
    cp = new SimChargePoint({
      url: values.url,
      id: values.id,
      ...(password !== null ? { password } : {}),
      connectors: Math.round(positive(values.connectors, 1, '--connectors')),
      phases,
      maxCurrent: positive(values['max-current'], 32, '--max-current'),
      quirks,
      insecure: values.insecure === true,
      ...(values.ca ? { ca: readFileSync(values.ca) } : {}),
      meterValueSampleInterval: Math.round(positive(values['sample-interval'], 60, '--sample-interval')),
      freeVend: values['no-free-vend'] !== true,
      ...(values['transfer-protocols'] !== undefined ? { fileTransferProtocols: values['transfer-protocols'] } : {}),
      ...(values['diagnostics-name'] ? { diagnosticsFileName: values['diagnostics-name'] } : {}),
      ...(profile ? { securityProfile: profile } : {}),
      ...(values.cert && values.key ? { clientCert: text(values.cert), clientKey: text(values.key) } : {}),
      ...(values['issuer-cert'] && values['issuer-key'] ? { issuer: { cert: text(values['issuer-cert']), key: text(values['issuer-key']) } } : {}),
    });
  } catch (err) {
    // A quirk that needs what was not given (cert-expired without an issuer): the command line's mistake.
    if (err instanceof QuirkError) throw new UsageError(err.message);
    throw err;
  }
  const print = (line: string) => out.write(`${line}\n`);
  const clock = () => new Date().toISOString().slice(11, 23);
  cp.on('log', (line) => print(`${clock()} ${oneLine(line)}`));
  cp.on('frame', (frame) => {
    const kind = frame.type === 2 ? 'CALL' : frame.type === 3 ? 'RESULT' : 'ERROR';
    print(
      `${clock()} ${frame.dir === 'tx' ? '>>' : '<<'} ${kind} ${oneLine(frame.action ?? '?')} ${oneLine(frame.raw.length > 200 ? `${frame.raw.slice(0, 200)}…` : frame.raw)}`,
    );
  });
  cp.on('connection', ({ state, reason }) => print(`${clock()} ${cp.id}: ${state}${reason ? ` (${oneLine(reason)})` : ''}`));
  const plugs = (values.plug ?? []).map(Number);
  const offPlug = cp.on('connection', ({ state }) => {
    if (state !== 'connected') return;
    offPlug();
    for (const n of plugs) cp.plugIn(n);
  });
  cp.start();

  await new Promise<void>((resolve) => {
    let stopping = false;
    const rl = createInterface({ input: process.stdin, terminal: false });
    const stop = () => {
      if (stopping) process.exit(130);
      stopping = true;
      // Let go of stdin too: an open terminal or pipe would keep the process alive after the charger stopped.
      rl.close();
      process.stdin.destroy();
      cp.stop().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    rl.on('line', (line) => {
      const [command, ...args] = line.trim().split(/\s+/);
      const n = Number(args[0] ?? 1);
      try {
        switch (command) {
          case 'plug':
            cp.plugIn(n, args[1] ? { socPercent: Number(args[1]) } : {});
            break;
          case 'unplug':
            cp.unplug(n);
            break;
          case 'swipe':
            cp.swipe(n, args[1] ?? 'TAG');
            break;
          case 'fault':
            cp.injectFault(n, args[1] ?? 'OtherError');
            break;
          case 'clear':
            cp.clearFault(n);
            break;
          case 'drop':
            cp.dropConnection();
            break;
          case 'status':
            for (const c of cp.connectors)
              print(
                `connector ${c.id}: ${c.status(false)} ${Math.round(c.powerW)} W ${Math.round(c.energyWh)} Wh${c.ev ? ` EV ${c.ev.socPercent.toFixed(1)} %` : ''}`,
              );
            break;
          case 'quit':
          case 'exit':
            stop();
            break;
          case '':
          case undefined:
            break;
          default:
            print(`unknown command "${command}": plug, unplug, swipe, fault, clear, drop, status, quit`);
        }
      } catch (err) {
        print(`! ${(err as Error).message}`);
      }
    });
    // Stdin closing (a pipe that ended) does not stop the charger: only quit or a signal does.
  });
}
