/**
 * `fieldkit check`: start the central system, wait for one charger, run the readiness suite, print
 * progress to stderr and a summary to stdout, write the JSON and HTML reports. Exit 0 ready,
 * 1 not ready, 3 incomplete (a required check not judged), 2 usage or environment error.
 */
import { fingerprintLine } from '../central/certificate.ts';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createCore, type Core } from '../host/core.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { centralDriver } from '../readiness/driver.ts';
import type { SuiteProgress } from '../readiness/session.ts';
import { runSuite, type ReadinessReport } from '../readiness/suite.ts';
import { reportFile } from '../host/readiness-runs.ts';
import type { ReportLanguage } from '../readiness/report-html.ts';
import { exitCodeOf, verdictLabel, verdictOf } from '../readiness/verdict.ts';
import { requirementWords } from '../readiness/catalogue.ts';
import { oneLine } from '../lib/printable.ts';
import { EnvironmentError, UsageError, ftpPorts, parsePort, positiveNumber, transferScheme, parseCommandLine, securityProfileOption } from './args.ts';
import { defaultDataDir } from './data-dir.ts';
import { passwordFrom } from './credentials.ts';

export const CHECK_USAGE = `fieldkit check --charger ID [options]
  --password PW        the charger's Basic Auth password (without it any password is admitted, and auth.basic warns);
                       shows in the process list: prefer --password-file FILE or FIELDKIT_CHARGER_PASSWORD
  --ws-port N          plain ws port (default 8180; 0 = any free port)
  --wss-port N         wss port (default 8443)
  --host ADDR          address to listen on (default 0.0.0.0)
  --sample-interval S  MeterValueSampleInterval while measuring (default 10; 60 is restored afterwards)
  --firmware FILE      also test UpdateFirmware with this file (firmware in scope)
  --firmware-scheme S  how the firmware travels: auto (default: the charger's preference from
                       SupportedFileTransferProtocols, HTTP then FTP where it does not say, the other as a
                       fall-back), http or ftp
  --diagnostics-scheme S  the same for the diagnostics.upload check (default auto: FTP where the charger
                       does not say); --no-diagnostics leaves the check out
  --ftp-port N         FTP port (default 2121); --ftp-passive MIN-MAX its data ports (default 30000-30099)
  --timeout S          how long to wait for the charger and for each physical action (default 300)
  --heartbeat S        heartbeat interval given in BootNotification answers (default 60; the run watches one)
  --idle-timeout S     the platform's load-balancer idle timeout the keep-alive check judges (default 60)
  --lang en|th         the HTML report's language (default en); the JSON keeps the English reasons and ids,
                       and with th adds each check's Thai title
  --json FILE          write the JSON report
  --html FILE          write the HTML report (self-contained, prints to PDF)
  --security-profile 2|3  how the charger logs in over wss: 2 (default) Basic Auth; 3 a client certificate
                       (docs/certificates.md; auth.certificate judges it); with --simulate, the simulated
                       charger asks for its certificate (SignCertificate) and reconnects with it
  --data DIR           data folder (sessions, certificate)
  --simulate           check a charger simulated in this process instead of a real one: it connects by itself and
                       its car is plugged in and out when the suite asks (to try the tool, or a demo, with no typing);
                       its id is SIM-1 unless --charger names it, and it listens on free ports unless given
  exit status: 0 ready (every required check passed), 1 not ready (a required check failed),
               3 incomplete (nothing required failed, but a required check was not judged: no car plugged in,
               no password to verify Basic Auth against, cancelled), 2 a mistake in the command line or a
               machine not as the check needs it (a port in use, an unreadable firmware file)`;

/** The simulated charger's id when --simulate names none. */
const SIMULATED_ID = 'SIM-1';

export async function check(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      charger: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      'ws-port': { type: 'string' },
      'wss-port': { type: 'string' },
      host: { type: 'string' },
      'sample-interval': { type: 'string' },
      firmware: { type: 'string' },
      'firmware-scheme': { type: 'string' },
      'diagnostics-scheme': { type: 'string' },
      'no-diagnostics': { type: 'boolean' },
      'ftp-port': { type: 'string' },
      'ftp-passive': { type: 'string' },
      timeout: { type: 'string' },
      heartbeat: { type: 'string' },
      'idle-timeout': { type: 'string' },
      json: { type: 'string' },
      lang: { type: 'string' },
      html: { type: 'string' },
      data: { type: 'string' },
      simulate: { type: 'boolean' },
      'security-profile': { type: 'string' },
    },
    strict: true,
  });
  // A simulated charger needs no name from the user: it is named, and the name is printed.
  const chargerId = values.charger ?? (values.simulate ? SIMULATED_ID : undefined);
  const securityProfile = securityProfileOption(values['security-profile']) ?? 2;
  if (!chargerId) throw new UsageError('--charger ID is required (or --simulate, to check a simulated charger)');
  const sampleIntervalS = Math.round(positiveNumber(values['sample-interval'], 10, '--sample-interval', 'seconds'));
  const timeoutS = positiveNumber(values.timeout, 300, '--timeout', 'seconds');
  const heartbeatS = Math.round(positiveNumber(values.heartbeat, 60, '--heartbeat', 'seconds'));
  const idleTimeoutS = positiveNumber(values['idle-timeout'], 60, '--idle-timeout', 'seconds');
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'th') throw new UsageError(`--lang wants en or th, not "${values.lang}"`);
  const lang = values.lang === 'th' ? 'th' : 'en';
  const firmwareScheme = transferScheme(values['firmware-scheme'], 'auto', '--firmware-scheme');
  const diagnosticsScheme = transferScheme(values['diagnostics-scheme'], 'auto', '--diagnostics-scheme');
  // A simulated check connects to itself: ports another app (the demo) holds do not matter, free ones are taken.
  const ftp = ftpPorts(values['ftp-port'] ?? (values.simulate ? '0' : undefined), values['ftp-passive']);
  let firmware: { name: string; content: Buffer } | undefined;
  if (values.firmware) {
    try {
      firmware = { name: basename(values.firmware), content: readFileSync(values.firmware) };
    } catch (e) {
      throw new EnvironmentError(`cannot read --firmware ${values.firmware}: ${(e as Error).message}`);
    }
    if (firmware.content.length === 0) throw new EnvironmentError(`--firmware ${values.firmware} is empty`);
  }
  const host = values.host ?? '0.0.0.0';
  const log = (line: string) => err.write(`${line}\n`);
  if (/[\p{Cc}\u2028\u2029]/u.test(chargerId))
    throw new UsageError(`--charger ${oneLine(chargerId)}: a charge point id has no control characters or line breaks`);
  let password = passwordFrom(
    {
      flag: '--password',
      value: values.password,
      fileFlag: '--password-file',
      file: values['password-file'],
      envName: 'FIELDKIT_CHARGER_PASSWORD',
      env: process.env,
    },
    log,
  );

  // A simulated charger gets a password of its own when none was given: it logs in as a configured charger should.
  if (values.simulate && password === null) password = randomBytes(12).toString('base64url');
  const core = await createCore({
    dataDir: values.data ?? defaultDataDir(),
    host,
    wsPort: parsePort(values['ws-port'], values.simulate ? 0 : 8180, '--ws-port'),
    wssPort: parsePort(values['wss-port'], values.simulate ? 0 : 8443, '--wss-port'),
    passwords: new Map(password !== null ? [[chargerId, password]] : []),
    acceptAny: password === null,
    heartbeatInterval: heartbeatS,
    securityProfile,
    ...ftp,
  });
  const { models, fileServer: files } = core;
  try {
    try {
      await core.central.start();
    } catch (e) {
      throw new EnvironmentError(`cannot listen: ${(e as Error).message}`);
    }
    const abort = new AbortController();
    const onSignal = () => {
      log('cancelling: restoring the charger first…');
      abort.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const simulated = values.simulate ? startSimulatedCharger(core, chargerId, password, securityProfile, log) : null;
    if (!simulated) {
      log(`Point ${chargerId} at one of:`);
      for (const url of core.connectInfo().urls) log(`  ${url.url.replace('CP_ID', encodeURIComponent(chargerId))}`);
      if (core.certificate) log(`wss certificate SHA-256: ${fingerprintLine(core.certificate)}`);
    }

    let report: ReadinessReport;
    try {
      report = await runSuite(centralDriver(core.central, models, chargerId, { http: files, ftp: core.ftp }, host), {
        sampleIntervalS,
        connectTimeoutS: timeoutS,
        physicalTimeoutS: timeoutS,
        keepaliveIdleS: idleTimeoutS,
        ...(firmware ? { firmware, firmwareScheme } : {}),
        diagnostics: values['no-diagnostics'] ? false : { scheme: diagnosticsScheme, timeoutS: Math.min(timeoutS, 120) },
        signal: abort.signal,
        onProgress: (p) => {
          log(progressLine(p));
          // The simulated driver reads the prompt and acts a moment later, as a person would.
          if (simulated && p.kind === 'prompt')
            setTimeout(() => {
              const clock = new Date().toISOString().slice(11, 19);
              try {
                log(`${clock} (simulated) ${core.simulated.answerPrompt(chargerId, p.prompt)}`);
              } catch (e) {
                log(`${clock} (simulated) could not ${p.prompt === 'plug-in' ? 'plug the car in' : 'unplug the car'}: ${(e as Error).message}`);
              }
            }, 1000);
        },
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await simulated?.stop();
    }
    out.write(summary(report));
    writeReports(core, report, { json: values.json, html: values.html, lang }, log);
    return exitCodeOf(report.verdict);
  } finally {
    await core.close();
  }
}

function progressLine(p: SuiteProgress): string {
  const clock = new Date().toISOString().slice(11, 19);
  switch (p.kind) {
    case 'step':
      return `${clock} ${p.step}: ${oneLine(p.message)}`;
    case 'prompt':
      return `${clock} >>> ${oneLine(p.message)} (waiting up to ${p.timeoutS} s)`;
    case 'prompt-done':
      return `${clock} ok: ${oneLine(p.message)}`;
    case 'verdict':
      return `${clock} ${p.result.verdict.toUpperCase().padEnd(4)} ${p.result.id}: ${oneLine(p.result.reason)}`;
    case 'cancelling':
      return `${clock} cancelling: restoring the charger first…`;
    case 'finished':
      return `${clock} finished: ${verdictLabel(p.verdict)}`;
  }
}

/**
 * Every report is written, each on its own: a session file the disk refuses does not cost the JSON
 * or the HTML the user asked for, and a report that cannot be written says why (exit status unchanged).
 */
function writeReports(
  core: Core,
  report: ReadinessReport,
  files: { json?: string | undefined; html?: string | undefined; lang: ReportLanguage },
  log: (line: string) => void,
): void {
  const attempt = (what: string, write: () => void) => {
    try {
      write();
    } catch (e) {
      log(`could not write ${what}: ${(e as Error).message}`);
    }
  };
  // Kept with the session too: the library shows the verdict and a bundle carries the report.
  const sessionId = core.central.sessionOf(report.charger)?.id;
  if (sessionId) attempt('the report into the session library', () => core.library.saveReport(sessionId, report));
  const { json, html, lang } = files;
  if (json) attempt(`the JSON report ${json}`, () => writeFileSync(json, reportFile(core, report, 'json', lang).content));
  if (html) attempt(`the HTML report ${html}`, () => writeFileSync(html, reportFile(core, report, 'html', lang).content));
}

export function summary(report: ReadinessReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const kinds = report.checks.map((c) => requirementWords(c));
  const kindWidth = Math.max(...kinds.map((k) => k.length));
  // Every reason may quote what the charger sent: each stays on its own line.
  const lines = report.checks.map(
    (c, i) => `${c.id.padEnd(width)}  ${kinds[i]!.padEnd(kindWidth)}  ${c.verdict.toUpperCase().padEnd(4)}  ${oneLine(c.reason)}`,
  );
  const id = report.identity;
  const verdict = verdictOf(report);
  const head = `${oneLine(report.charger)}${id ? ` (${oneLine([id.vendor, id.model, id.firmwareVersion].filter(Boolean).join(' '))})` : ''}: ${verdictLabel(verdict)}${report.cancelled ? ' (cancelled)' : ''}`;
  const todo =
    verdict === 'incomplete' && (report.notJudged ?? []).length > 0
      ? `\nnot judged (required), so not ready yet:\n${report.notJudged.map((n) => `  ${n.id}: ${oneLine(n.reason)}`).join('\n')}`
      : '';
  const blocking = verdict === 'not-ready' && (report.failed ?? []).length > 0 ? `\nto fix before the platform: ${report.failed.join(', ')}` : '';
  const cleanup = report.cleanup.done ? '' : `\nclean-up incomplete: ${oneLine(report.cleanup.problem)}`;
  return `${head}\n${lines.join('\n')}${blocking}${todo}${cleanup}\n`;
}

/** A charger simulated in this process, pointed at the check's own central system (wss when it listens there). */
function startSimulatedCharger(core: Core, chargerId: string, password: string | null, securityProfile: 2 | 3, log: (line: string) => void): SimChargePoint {
  const { wsPort, wssPort } = core.central.state();
  const url = wssPort !== null ? `wss://127.0.0.1:${wssPort}/ocpp` : `ws://127.0.0.1:${wsPort}/ocpp`;
  const sim = new SimChargePoint({
    url,
    id: chargerId,
    ...(password !== null ? { password } : {}),
    ca: core.certificate?.certs.map((c) => c.cert).join('\n') ?? '',
    vendor: 'FieldKit',
    model: 'Simulated Wallbox 22',
    phases: 3,
    maxCurrent: 32,
    ...(securityProfile === 3 ? { securityProfile } : {}),
  });
  core.simulated.add(sim);
  sim.start();
  log(
    `Simulating ${chargerId} on ${url} (the central system on ws port ${wsPort ?? '-'}, wss port ${wssPort ?? '-'}): its car is plugged in when the suite asks`,
  );
  return sim;
}
