import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CHECK_IDS } from '../readiness/catalogue.ts';
import { SimChargePoint, type SimOptions } from '../sim/charge-point.ts';
import { tempDir, until } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN } from '../testing/serve-child.ts';
import { takePort } from '../testing/taken-port.ts';
import { render } from '../lib/message.ts';

/** A check on loopback, on free ports, with short intervals: what every run here shares. */
function fastCheck(dir: string, timeoutS: number): string[] {
  return [
    ...['--host', '127.0.0.1', '--ws-port', '0', '--wss-port', '0', '--ftp-port', '0'],
    ...['--sample-interval', '1', '--timeout', String(timeoutS), '--heartbeat', '2', '--idle-timeout', '5', '--data', dir],
  ];
}

interface SimRun {
  /** Quirks of the simulated charger. */
  readonly quirks?: readonly string[];
  /** The password the check verifies (the charger always sends pw-9); null: none set in the check, any is admitted. */
  readonly password?: string | null;
  /** Plug a car in when the suite asks (default true). */
  readonly plug?: boolean;
  /** More options of the simulated charger. */
  readonly sim?: Partial<SimOptions>;
  /** More arguments of the check. */
  readonly args?: readonly string[];
  /** The data folder (default a new one). */
  readonly dir?: string;
  readonly timeoutS?: number;
}

/** Runs `fieldkit check` with a simulator that connects to the URL it prints and plugs in when asked. */
async function checkWithSim(quirksOrRun: string[] | SimRun): Promise<{ code: number | null; stdout: string; stderr: string; dir: string }> {
  const run: SimRun = Array.isArray(quirksOrRun) ? { quirks: quirksOrRun } : quirksOrRun;
  const password = run.password === undefined ? 'pw-9' : run.password;
  const dir = run.dir ?? tempDir();
  const child = spawn(
    process.execPath,
    [
      FIELDKIT_BIN,
      'check',
      '--charger',
      'CP9',
      ...(password !== null ? ['--password', password] : []),
      ...fastCheck(dir, run.timeoutS ?? 20),
      '--json',
      join(dir, 'report.json'),
      '--html',
      join(dir, 'report.html'),
      ...(run.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let sim: SimChargePoint | undefined;
  try {
    const url = await until(() => /(wss:\/\/127\.0\.0\.1:\d+\/ocpp)\/CP9/.exec(stderr)?.[1], 'the URL to point the charger at', 15_000);
    sim = new SimChargePoint({
      url,
      id: 'CP9',
      password: 'pw-9',
      insecure: true,
      quirks: [...(run.quirks ?? [])],
      tickMs: 100,
      reconnectBaseMs: 100,
      webSocketPingInterval: 1,
      ...run.sim,
    });
    sim.start();
    if (run.plug !== false) {
      await until(() => stderr.includes('Plug a car') || stderr.includes('plug a car in again'), 'the plug-in prompt', 20_000);
      sim.plugIn(1);
    }
    const code = await exited;
    return { code, stdout, stderr, dir };
  } finally {
    await sim?.stop();
    child.kill('SIGKILL');
  }
}

/** Each check's verdict in a JSON report. */
const verdictsIn = (file: string) =>
  Object.fromEntries((JSON.parse(readFileSync(file, 'utf8')) as { checks: { id: string; verdict: string }[] }).checks.map((c) => [c.id, c.verdict]));

test('fieldkit check: a compliant charger is ready (exit 0), with a JSON and a self-contained HTML report', async () => {
  const run = await checkWithSim([]);
  try {
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    assert.match(run.stdout, /^CP9 \(FieldKit SimCharger 22 1\.4\.2\): READY/);
    assert.match(run.stdout, /smart\.off\s+required\s+PASS/);
    const report = JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8'));
    assert.equal(report.charger, 'CP9');
    assert.equal(report.verdict, 'ready');
    assert.equal(report.ready, true);
    assert.deepEqual([report.failed, report.notJudged], [[], []]);
    assert.ok(Date.parse(report.startedAt) <= Date.parse(report.finishedAt));
    assert.deepEqual(
      report.checks.map((c: { id: string }) => c.id),
      CHECK_IDS,
    );
    for (const c of report.checks) {
      assert.deepEqual(
        Object.keys(c)
          .filter((k) => k !== 'said')
          .sort(),
        ['evidence', 'id', 'reason', 'required', 'verdict'],
      );
      // The reason as a message too (for a reader in another language): it says the same as the English.
      if (c.said) assert.equal(render(c.said), c.reason);
    }
    assert.equal(report.identity.vendor, 'FieldKit');
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    assert.match(html, /<span class="verdict ready" data-verdict="ready">READY<\/span>/);
    assert.match(html, /<svg[^>]*role="img"/);
    assert.match(html, /<path fill="none" stroke="#2563eb"[^>]* d="M[\d.,]+H/, 'the power graph drawn as steps');
    assert.match(html, /BootNotification/);
    assert.doesNotMatch(html, /<script|src="http|href="http/, 'nothing external');
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
});

test('fieldkit check: a charger that ignores TriggerMessage is not ready (exit 1) and the summary says why', async () => {
  const run = await checkWithSim(['trigger-not-implemented']);
  try {
    assert.equal(run.code, 1, run.stderr.slice(-2000));
    assert.match(run.stdout, /^CP9 \([^)]*\): NOT READY/);
    assert.match(run.stdout, /to fix before the platform: trigger\.boot, trigger\.status/);
    assert.match(run.stdout, /trigger\.boot\s+required\s+FAIL\s+TriggerMessage BootNotification was answered NotImplemented/);
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
});

test('fieldkit check: a port in use and bad arguments exit 2 with the reason', async () => {
  const blocker = await takePort();
  const { port } = blocker;
  const dir = tempDir();
  try {
    const busy = spawnSync(
      process.execPath,
      [FIELDKIT_BIN, 'check', '--charger', 'X', '--host', '127.0.0.1', '--ws-port', String(port), '--wss-port', '0', '--data', dir],
      { encoding: 'utf8' },
    );
    assert.equal(busy.status, 2);
    assert.match(busy.stderr, new RegExp(`port ${port} \\(ws\\) is already in use`));
    const noCharger = spawnSync(process.execPath, [FIELDKIT_BIN, 'check', '--data', dir], { encoding: 'utf8' });
    assert.equal(noCharger.status, 2);
    assert.match(noCharger.stderr, /--charger ID is required/);
    const badInterval = spawnSync(process.execPath, [FIELDKIT_BIN, 'check', '--charger', 'X', '--sample-interval', 'soon'], { encoding: 'utf8' });
    assert.equal(badInterval.status, 2);
    assert.match(badInterval.stderr, /--sample-interval wants a positive number/);
  } finally {
    blocker.release();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Holds a port on all addresses, as another app (the demo) would; null when something else holds it already. */
async function hold(port: number): Promise<ReturnType<typeof createServer> | null> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(port, () => resolve(server));
  });
}

/** `fieldkit check --simulate` with short intervals, its data in dir, and these further options. */
function simulatedCheck(dir: string, options: string[]) {
  return spawnSync(
    process.execPath,
    [
      FIELDKIT_BIN,
      'check',
      '--simulate',
      ...['--host', '127.0.0.1', '--sample-interval', '1', '--timeout', '30', '--heartbeat', '2', '--idle-timeout', '5', '--data', dir],
      ...options,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
}

test('fieldkit check --simulate: a charger and its car in the same process, READY with nobody at the keyboard, whatever holds the default ports', async () => {
  const dir = tempDir();
  // The demo (or anything) on the default ports: a simulated check takes free ones and says which.
  const held = await Promise.all([hold(8180), hold(8443), hold(2121)]);
  try {
    const r = simulatedCheck(dir, ['--lang', 'th', '--html', join(dir, 'report-th.html'), '--json', join(dir, 'report-th.json')]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^SIM-1 \(FieldKit Simulated Wallbox 22 [^)]*\): READY/);
    assert.match(r.stderr, /Simulating SIM-1 on wss:\/\/127\.0\.0\.1:(\d+)\/ocpp \(the central system on ws port \d+, wss port \d+\)/);
    assert.doesNotMatch(r.stderr, /port 8443 \(wss\) is already in use/);
    assert.match(r.stdout, /auth\.basic +required +PASS/, 'the simulated charger logs in with a password of its own');
    assert.match(r.stderr, /\(simulated\) plugged the simulated car into connector 1/);
    assert.doesNotMatch(r.stderr, /Point SIM-1 at/, 'nothing to point: it is already connected');
    // In Thai: the HTML report reads Thai (headings, check titles); the JSON keeps its English ids and reasons, Thai beside them.
    const html = readFileSync(join(dir, 'report-th.html'), 'utf8');
    assert.match(html, /<html lang="th">/);
    assert.match(html, /รายงานความพร้อม: SIM-1/);
    assert.match(html, /เชื่อมต่อผ่าน wss/);
    // The reasons too, with what the charger sent (its address, OCPP names) as it was.
    assert.match(html, /เชื่อมต่อผ่าน wss จาก 127\.0\.0\.1:\d+/);
    assert.doesNotMatch(html, /connected over wss from/);
    const json = JSON.parse(readFileSync(join(dir, 'report-th.json'), 'utf8')) as {
      checks: { id: string; reason: string; localised?: { title: string; reason: string } }[];
    };
    const wss = json.checks.find((c) => c.id === 'transport.wss')!;
    assert.match(wss.reason, /connected over wss/);
    assert.equal(wss.localised?.title, 'เชื่อมต่อผ่าน wss');
    assert.match(wss.localised?.reason ?? '', /^เชื่อมต่อผ่าน wss จาก 127\.0\.0\.1:\d+$/);
  } finally {
    for (const server of held) server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fieldkit check: a car that never plugs in and no password to check: INCOMPLETE (exit 3), with what to do, in the summary and both reports', async () => {
  const run = await checkWithSim({ plug: false, password: null, timeoutS: 6, args: ['--no-diagnostics'] });
  try {
    assert.equal(run.code, 3, run.stderr.slice(-2000));
    assert.match(run.stdout, /^CP9 \([^)]*\): INCOMPLETE/);
    assert.match(run.stdout, /meter\.power +required +SKIP +no transaction was metered: plug in a car/);
    assert.match(run.stdout, /smart\.off +required +SKIP/);
    assert.match(run.stdout, /smart\.tx-profile +one of two +SKIP/, 'the check table says "one of two", as the UI does');
    assert.match(
      run.stdout,
      /not judged \(required\), so not ready yet:\n(?: {2}.*\n)*? {2}auth\.basic: Basic Auth was sent as CP9, but no password is set for CP9/,
    );
    assert.match(run.stderr, /finished: INCOMPLETE/);
    const report = JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8'));
    assert.equal(report.verdict, 'incomplete');
    assert.equal(report.ready, false);
    assert.deepEqual(report.failed, []);
    const notJudged = report.notJudged.map((n: { id: string }) => n.id);
    for (const id of ['auth.basic', 'meter.power', 'meter.energy-register', 'tx.meter-start-stop', 'status.semantics', 'smart.off', 'smart.on'])
      assert.ok(notJudged.includes(id), `${id} is listed as not judged: ${notJudged.join(', ')}`);
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    assert.match(html, /<span class="verdict incomplete" data-verdict="incomplete">INCOMPLETE<\/span>/);
    assert.match(html, /Not judged, so not ready yet/);
    assert.doesNotMatch(html, />READY</);
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
});

test('fieldkit check --firmware: a charger that fetches only over FTP and says nothing of it passes by the default (HTTP, then FTP), with the FTP port taken by another program', async () => {
  const taken = await takePort();
  const ftpPort = taken.port;
  const dir = tempDir();
  writeFileSync(join(dir, 'fw-2.0.0.bin'), Buffer.alloc(4096, 7));
  try {
    const run = await checkWithSim({
      dir,
      quirks: ['ftp-only'],
      sim: { fileTransferProtocols: '' },
      // The FTP port of the check is one another program holds: the location names another one.
      args: ['--firmware', join(dir, 'fw-2.0.0.bin'), '--ftp-port', String(ftpPort)],
      timeoutS: 30,
    });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr.slice(-3000)}`);
    assert.match(
      run.stdout,
      /firmware\.update +if firmware in scope +PASS +fetched fw-2\.0\.0\.bin \(4096 bytes\) and reported Downloading → Downloaded → Installing → Installed/,
    );
    // Each scheme tried is named with what happened, and what the app changed is said.
    assert.match(run.stdout, /firmware\.update .* over FTP \(HTTP: the charger reported DownloadFailed .*; it never fetched the file\)/);
    assert.match(
      run.stdout,
      new RegExp(`firmware\\.update .*FTP port ${ftpPort} is in use \\(another program, or another check\\): the location names port \\d+ instead`),
    );
    assert.match(run.stdout, /diagnostics\.upload +optional +PASS/);
    // The report is there, whatever the FTP port did.
    assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).verdict, 'ready');
  } finally {
    taken.release();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fieldkit check twice against the same charger and data folder: the same verdicts; the app numbering a stored file is said, never held against the charger', async () => {
  const dir = tempDir();
  try {
    const sim = { diagnosticsFileName: 'diag-CP9.txt' };
    const first = await checkWithSim({ dir, sim, args: ['--diagnostics-scheme', 'http'] });
    assert.equal(first.code, 0, first.stderr.slice(-2000));
    const firstVerdicts = verdictsIn(join(dir, 'report.json'));
    const second = await checkWithSim({ dir, sim, args: ['--diagnostics-scheme', 'http'] });
    assert.equal(second.code, 0, second.stderr.slice(-2000));
    assert.deepEqual(verdictsIn(join(dir, 'report.json')), firstVerdicts);
    assert.match(
      second.stdout,
      /diagnostics\.upload +optional +PASS +diag-CP9\.txt \(\d+ bytes; kept as diag-CP9-1\.txt: a file of that name was already there\) arrived/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fieldkit check --simulate --security-profile 3: the simulated charger gets its certificate by CSR, reconnects with it, and auth.certificate passes', () => {
  const dir = tempDir();
  try {
    const r = simulatedCheck(dir, ['--security-profile', '3', '--json', join(dir, 'report.json')]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /auth\.certificate +optional +PASS +connected with a client certificate for SIM-1 issued by CN=OCPP Field Kit local CA/);
    assert.match(r.stdout, /security\.events +optional +PASS .*StartupOfTheDevice/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { checks: { id: string; verdict: string }[] };
    assert.equal(report.checks.find((c) => c.id === 'auth.certificate')?.verdict, 'pass');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
