/**
 * The app as a LAN attacker meets it: seeded fuzzing of frames and of request lines on every listener
 * (ws, wss, the file server, the UI/API server), a flood of refused made-up ids, a thousand junk
 * connections while a genuine charger connects, and an oversized frame. Real sockets on loopback,
 * the real composition (createCore); "another host" is another 127.0.0.x address.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type WebSocket from 'ws';
import { createCore, type Core } from '../host/core.ts';
import { startUiServer, type UiServer } from '../host/http-server.ts';
import { readSession } from '../store/reader.ts';
import { chargerCall, connectCharger, tempDir, until } from '../testing/central-fixture.ts';
import type { ConnectionEvent } from './connection-events.ts';

let dir: string;
let core: Core;
let ui: UiServer;
let ports: { ws: number; wss: number; files: number; ui: number };
const SEED = 20261130;
const figures: string[] = [];

before(async () => {
  dir = tempDir('fieldkit-hostile-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
  core = await createCore({
    dataDir: dir,
    host: '127.0.0.1',
    wsPort: 0,
    wssPort: 0,
    passwords: new Map([['CP1', 'pw-1']]),
    acceptAny: false,
    callTimeoutMs: 2_000,
    handshakeDeadlineMs: 1_000,
  });
  const state = await core.central.start();
  ui = await startUiServer(core.host, { host: '127.0.0.1', port: 0, staticDir: dir });
  ports = { ws: state.wsPort!, wss: state.wssPort!, files: core.fileServer.port, ui: Number(new URL(ui.url).port) };
});
after(async () => {
  if (process.env.FIELDKIT_PRINT_FIGURES) for (const f of figures) console.log(`# ${f}`);
  await ui.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Frames a broken or hostile charger sends: text, JSON of every shape, OCPP-looking arrays with wrong parts. */
const frameArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .tuple(
      fc.constantFrom<unknown>(2, 3, 4, 5, -1, '2', null),
      fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant('x'.repeat(37))),
      fc.oneof(
        fc.constantFrom('BootNotification', 'Heartbeat', 'MeterValues', 'StatusNotification', 'StartTransaction', 'DataTransfer', 'Reset', 'Nope'),
        fc.string({ maxLength: 30 }),
      ),
      fc.anything({ maxDepth: 3 }),
    )
    .map((t) => JSON.stringify(t)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 6 }).map((a) => JSON.stringify(a)),
);

/** Request heads a scanner or a broken client sends: bad methods, bad escapes, huge or missing headers, binary. */
const requestArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'CONNECT', 'BREW', '', 'G\u0000T'),
      fc.oneof(
        fc.constantFrom('/%', '/%zz', '/ocpp/%E0%A4%A', '/../../etc/passwd', '/ocpp/CP1', '*', '//', '/uploads/x/../../a'),
        fc.string({ maxLength: 80 }),
      ),
      fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/9', ''),
      fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 })), { maxLength: 5 }),
      fc.boolean(),
    )
    .map(
      ([m, p, v, headers, upgrade]) =>
        `${m} ${p} ${v}\r\n${upgrade ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : ''}${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`,
    ),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

let junkSent = 0;
let junkAnswered = 0;

/** Sends one junk request on its own connection from one of a few addresses; resolves when the server answered or closed it (or after 150 ms). */
function junk(port: number, text: string, tls = false): Promise<void> {
  const localAddress = `127.0.0.${10 + (junkSent++ % 4)}`;
  return new Promise((resolve) => {
    const socket: Socket = tls
      ? tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false, localAddress } as unknown as number)
      : connect({ port, host: '127.0.0.1', localAddress });
    let settled = false;
    const done = (answered: boolean) => {
      if (settled) return;
      settled = true;
      if (answered) junkAnswered++;
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    // An incomplete head is held until the handshake deadline: the client need not wait for it.
    const timer = setTimeout(() => done(false), 150);
    socket.on(tls ? 'secureConnect' : 'connect', () => socket.write(text, 'latin1'));
    socket.on('data', () => done(true));
    socket.on('error', () => done(true));
    socket.on('close', () => done(true));
  });
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** Next answer to the CALL with this id, whatever else arrives meanwhile. */
function answerTo(ws: WebSocket, id: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (Array.isArray(frame) && frame[1] === id && (frame[0] === 3 || frame[0] === 4)) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
  });
}

test('10 000 fuzzed frames from an admitted charger: no crash, every frame recorded, the next Heartbeat answered', async () => {
  const frames = fc.sample(frameArb, { seed: SEED, numRuns: 10_000 });
  const ws = await connectCharger(`ws://127.0.0.1:${ports.ws}/ocpp`, 'CP1', { password: 'pw-1' });
  try {
    frames.forEach((frame, i) => ws.send(i % 13 === 0 ? Buffer.from(frame) : frame, { binary: i % 13 === 0 }));
    const answer = answerTo(ws, 'after-the-fuzz');
    ws.send('[2,"after-the-fuzz","Heartbeat",{}]');
    const [type, , payload] = await answer;
    assert.equal(type, 3);
    assert.match(String((payload as { currentTime?: string }).currentTime), /^\d{4}-/);
    const session = core.central.sessionOf('CP1')!;
    await until(
      () => (session.flushNow(), readSession(session.file).records.filter((r) => r.t === 'frame' && r.dir === 'rx').length >= frames.length + 1),
      'every fuzzed frame in the recording',
      30_000,
    );
    const rx = readSession(session.file).records.filter((r) => r.t === 'frame' && r.dir === 'rx');
    assert.equal(rx.length, frames.length + 1, 'each frame once, none lost');
    figures.push(
      `fuzzed frames: ${frames.length}, recorded ${rx.length - 1}, ${rx.filter((r) => r.t === 'frame' && r.issues.length > 0).length} with a recorded violation`,
    );
  } finally {
    ws.close();
  }
});

test('10 000 fuzzed request heads on the four listeners: each answered or closed, and everything still serves', async () => {
  const heads = fc.sample(requestArb, { seed: SEED + 1, numRuns: 10_000 });
  const quarter = heads.length / 4;
  await inBatches(heads.slice(0, quarter), 64, (h) => junk(ports.ws, h));
  await inBatches(heads.slice(quarter, 2 * quarter), 64, (h) => junk(ports.wss, h));
  await inBatches(heads.slice(2 * quarter, 2 * quarter + quarter / 2), 64, (h) => junk(ports.wss, h, true));
  await inBatches(heads.slice(2 * quarter + quarter / 2, 3 * quarter), 32, (h) => junk(ports.files, h));
  await inBatches(heads.slice(3 * quarter), 64, (h) => junk(ports.ui, h));
  figures.push(
    `fuzzed request heads: ${heads.length} over ws, wss (raw and over TLS), the file server and the UI server; ${junkAnswered} answered or closed within 150 ms, the rest held until the handshake deadline`,
  );
  // The genuine charger, over both schemes, from another host.
  for (const url of [`ws://127.0.0.1:${ports.ws}/ocpp`, `wss://127.0.0.1:${ports.wss}/ocpp`]) {
    const ws = await connectCharger(url, 'CP1', { password: 'pw-1', localAddress: '127.0.0.2' });
    const [type] = await chargerCall(ws, 'Heartbeat', {});
    assert.equal(type, 3);
    ws.close();
  }
  const index = await fetch(`${ui.url}`);
  assert.equal(index.status, 200);
  const badEscape = await new Promise<string>((resolve) => {
    const s = connect(ports.files, '127.0.0.1', () => s.write('GET /% HTTP/1.1\r\nHost: x\r\n\r\n'));
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('close', () => resolve(text));
    s.on('end', () => s.end());
    setTimeout(() => s.destroy(), 2_000);
  });
  assert.match(badEscape, /^HTTP\/1\.1 400/);
  const logDir = join(dir, 'listener');
  const logFiles = readdirSync(logDir);
  assert.ok(logFiles.length <= 3, `the listener log rotates (${logFiles.join(', ')})`);
  for (const f of logFiles) assert.ok(statSync(join(logDir, f)).size <= 1024 * 1024 + 64 * 1024, `${f} is bounded`);
});

test('300 refused made-up ids open no file and hold no descriptor; the charger list does not grow with them', async () => {
  const fdCount = () => readdirSync('/proc/self/fd').length;
  if (!existsSync('/proc/self/fd')) return;
  const sessions = () => readdirSync(join(dir, 'sessions')).length;
  const before = { fds: fdCount(), sessions: sessions() };
  const ids = Array.from({ length: 300 }, (_, i) => `GHOST-${i}`);
  await inBatches(ids, 16, async (id) => {
    await connectCharger(`ws://127.0.0.1:${ports.ws}/ocpp`, id, { password: 'wrong', localAddress: '127.0.0.6' }).then(
      (ws) => ws.close(),
      () => undefined,
    );
  });
  await until(() => fdCount() <= before.fds + 8, 'the refused sockets closed');
  assert.equal(sessions(), before.sessions, 'no session file per refused id');
  const chargers = core.models.ids().filter((id) => id.startsWith('GHOST-'));
  assert.ok(chargers.length <= 32, `${chargers.length} made-up ids got a charger entry`);
  figures.push(
    `refused-id flood: 300 ids, descriptors ${before.fds} → ${fdCount()}, session files ${before.sessions} → ${sessions()}, charger entries ${chargers.length}`,
  );
});

test('a thousand junk connections from one host: a genuine charger from another still connects, and the idle ones are let go', async () => {
  const junkSockets: Socket[] = [];
  for (let i = 0; i < 1_000; i++) {
    const s = connect({ port: ports.ws, host: '127.0.0.1', localAddress: '127.0.0.7' });
    s.on('error', () => undefined);
    s.resume(); // so that a close by the server is seen
    junkSockets.push(s);
  }
  await until(() => junkSockets.every((s) => s.destroyed || s.readyState === 'open'), 'the junk connected or was dropped');
  // The ones over the per-address cap are closed as they arrive; on a busy machine their closes take a moment to be seen.
  const heldNow = () => junkSockets.filter((s) => !s.destroyed && !s.readableEnded).length;
  await until(() => heldNow() <= 32, 'the sockets over the per-address cap closed', 10_000).catch(() => undefined);
  const held = heldNow();
  assert.ok(held <= 32, `${held} junk sockets held open by one address`);
  const ws = await connectCharger(`ws://127.0.0.1:${ports.ws}/ocpp`, 'CP1', { password: 'pw-1', localAddress: '127.0.0.2' });
  const [type] = await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  assert.equal(type, 3);
  ws.close();
  await until(() => junkSockets.every((s) => s.destroyed || s.readableEnded), 'every idle junk socket closed by the handshake deadline', 15_000);
  figures.push(`junk connections: 1000 from one address, ${held} held, each let go after the handshake deadline; the genuine charger connected meanwhile`);
  for (const s of junkSockets) s.destroy();
});

test('a frame over the size limit closes the connection with 1009, recorded as closed by us with the reason', async () => {
  const ws = await connectCharger(`ws://127.0.0.1:${ports.ws}/ocpp`, 'CP1', { password: 'pw-1' });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send(`[2,"big","DataTransfer",{"vendorId":"x","data":"${'a'.repeat(4 * 1024 * 1024)}"}]`);
  assert.equal(await closed, 1009);
  const lastDisconnect = () => {
    const session = core.central.sessionOf('CP1')!;
    session.flushNow();
    return readSession(session.file)
      .records.map((r) => (r.t === 'event' ? (r.event as ConnectionEvent) : null))
      .findLast((e) => e?.kind === 'disconnected' && e.code !== 1005 && e.code !== 1000);
  };
  const event = await until(lastDisconnect, 'the disconnect record');
  assert.ok(event && event.kind === 'disconnected');
  assert.equal(event.code, 1009);
  assert.equal(event.by, 'central');
  assert.match(event.reason, /frame too large/);
});
