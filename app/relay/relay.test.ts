import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { readSession } from '../store/reader.ts';
import { chargerCall, closeClient, connectCharger, startCentral, tempDir, until, type CentralFixture } from '../testing/central-fixture.ts';
import { makeTestPki, startPlatform, type Platform, type TestPki } from '../testing/platform-fixture.ts';
import { inbox } from '../testing/ws-pair.ts';
import { Relay } from './relay.ts';
import type { RelayState } from './relay-link.ts';

const UPSTREAM_PASSWORD = 'platform-secret-7f3a9c';
const BASIC_HEADER = Buffer.from(`CP1:${UPSTREAM_PASSWORD}`).toString('base64');

let pkiDir: string;
let pki: TestPki;
before(async () => {
  pkiDir = tempDir('fieldkit-pki-');
  pki = await makeTestPki(pkiDir);
});
after(() => rmSync(pkiDir, { recursive: true, force: true }));

interface Setup {
  readonly platform: Platform;
  readonly relay: Relay;
  readonly fx: CentralFixture;
  readonly states: RelayState[];
}

const open: Setup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.fx.close();
    await s.platform.close();
  }
});

async function setup(options: { cert?: 'ca-signed' | 'rogue'; password?: string; refuseWith?: number | null } = {}): Promise<Setup> {
  const rogue = options.cert === 'rogue';
  const platform = await startPlatform({
    cert: rogue ? pki.rogueCert : pki.serverCert,
    key: rogue ? pki.rogueKey : pki.serverKey,
    password: UPSTREAM_PASSWORD,
  });
  platform.refuseWith = options.refuseWith ?? null;
  const relay = new Relay({ backoff: { initialMs: 30, maxMs: 120 }, handshakeTimeoutMs: 2_000 });
  relay.setTarget('*', { url: platform.url, caFile: pki.caFile }, options.password ?? UPSTREAM_PASSWORD);
  const states: RelayState[] = [];
  relay.on('state', (s) => states.push(s));
  const fx = await startCentral({ callTimeoutMs: 3_000 }, { relay });
  const s = { platform, relay, fx, states };
  open.push(s);
  return s;
}

const connectCP1 = (s: Setup) => connectCharger(s.fx.wsUrl, 'CP1', { password: 'secret-1' });
const upstreamOpen = (s: Setup) => until(() => s.relay.stateOf('CP1')?.phase === 'open', 'the upstream leg to open');
const stamp = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const recorded = (s: Setup, leg: 'charger' | 'upstream') => s.fx.frames.filter((f) => f.leg === leg);

test('frames pass byte for byte in both directions, invalid ones too, and both legs are recorded', async () => {
  const s = await setup();
  const charger = await connectCP1(s);
  const chargerInbox = inbox(charger);
  await upstreamOpen(s);
  const fromCharger = [
    '[2,"b1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]',
    '[2, "h1" ,"Heartbeat",  { } ]',
    '[2,"bad1","StatusNotification",{"connectorId":"one","errorCode":"Bogus","status":"Fine"}]',
    '[2,"u1","DataTransfer",{"vendorId":"Ünïcødé ⚡","data":"\\u00e9"}]',
    'this is not OCPP at all',
    '[2,"trunc","Heartbeat",{',
  ];
  for (const text of fromCharger) charger.send(text);
  charger.send(Buffer.from('[2,"bin1","Heartbeat",{}]'), { binary: true });
  await until(() => s.platform.received.length >= fromCharger.length + 1, 'the platform to receive every frame');
  fromCharger.forEach((text, i) => {
    assert.ok(s.platform.received[i]!.data.equals(Buffer.from(text)), `frame ${i} arrived unchanged`);
    assert.equal(s.platform.received[i]!.isBinary, false);
  });
  assert.equal(s.platform.received.at(-1)!.isBinary, true, 'a binary frame stays binary');
  assert.equal(s.platform.received[0]!.path, '/ocpp/CP1', 'the charger is presented with its own id');

  // The platform's own frames reach the charger unchanged, garbage included.
  const platformCall = '[2, "p1", "GetConfiguration", {"key": ["HeartbeatInterval"]} ]';
  s.platform.send(platformCall);
  s.platform.send('{"not":"a frame"}');
  const got = await until(() => chargerInbox.messages.find((m) => m[1] === 'p1'), 'the platform CALL at the charger');
  assert.deepEqual(got, [2, 'p1', 'GetConfiguration', { key: ['HeartbeatInterval'] }]);
  await until(() => recorded(s, 'charger').some((f) => f.dir === 'tx' && f.raw === '{"not":"a frame"}'), 'the garbage at the charger');
  const answer = '[3,"p1",{"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"}]}]';
  charger.send(answer);
  await until(() => s.platform.received.some((r) => r.data.equals(Buffer.from(answer))), 'the answer at the platform, unchanged');

  // Every frame is recorded on its leg, the raw text as it passed; the relay's verdicts are there too.
  const chargerRx = recorded(s, 'charger')
    .filter((f) => f.dir === 'rx')
    .map((f) => f.raw);
  const upstreamTx = recorded(s, 'upstream')
    .filter((f) => f.dir === 'tx')
    .map((f) => f.raw);
  assert.deepEqual(upstreamTx, chargerRx, 'the upstream leg carries what the charger sent');
  const invalid = recorded(s, 'charger').find((f) => f.id === 'bad1')!;
  assert.ok(
    invalid.issues.some((i) => i.kind === 'schema'),
    'a schema-invalid frame is forwarded and still flagged',
  );
  const paired = recorded(s, 'charger').find((f) => f.id === 'p1' && f.dir === 'rx')!;
  assert.equal(paired.action, 'GetConfiguration', 'the charger answer is paired with the platform CALL');
  assert.equal(typeof paired.latencyMs, 'number');
  const session = readSession(s.fx.central.sessionOf('CP1')!.file);
  assert.equal(session.header.source, 'relay');
  assert.ok(session.records.some((r) => r.t === 'frame' && r.leg === 'upstream' && r.dir === 'rx' && r.id === 'p1'));
  await closeClient(charger);
});

test('an injected TriggerMessage waits for the platform call, is answered to the injector only, and the platform keeps talking', async () => {
  const s = await setup();
  const charger = await connectCP1(s);
  const chargerInbox = inbox(charger);
  await upstreamOpen(s);
  s.platform.send('[2,"p-conf","GetConfiguration",{}]');
  await until(() => chargerInbox.messages.some((m) => m[1] === 'p-conf'), 'the platform CALL at the charger');

  // The charger owes the platform an answer: the injected CALL must wait (one CALL at a time).
  const injected = s.fx.central.call('CP1', 'TriggerMessage', { requestedMessage: 'Heartbeat' });
  assert.ok(!s.fx.frames.some((f) => f.origin === 'injected'), 'not sent while the platform CALL is outstanding');
  charger.send('[3,"p-conf",{"configurationKey":[]}]');
  const triggered = await until(() => chargerInbox.messages.find((m) => m[2] === 'TriggerMessage'), 'the injected CALL at the charger');
  const injectedId = triggered[1] as string;
  assert.match(injectedId, /^fk-/);

  // While ours is outstanding, a platform CALL waits in turn.
  s.platform.send('[2,"p-next","GetConfiguration",{"key":["MeterValueSampleInterval"]}]');
  await until(() => recorded(s, 'upstream').some((f) => f.id === 'p-next'), 'the second platform CALL at the relay');
  assert.ok(!chargerInbox.messages.some((m) => m[1] === 'p-next'), 'held back while the injected CALL is outstanding');
  charger.send(JSON.stringify([3, injectedId, { status: 'Accepted' }]));
  const result = await injected;
  assert.deepEqual(result.payload, { status: 'Accepted' });
  await until(() => chargerInbox.messages.some((m) => m[1] === 'p-next'), 'the held platform CALL after our answer');
  charger.send('[3,"p-next",{"configurationKey":[]}]');
  await chargerCall(charger, 'Heartbeat', {}, 'hb-after');
  await until(() => s.platform.received.some((r) => r.data.includes('p-next')), 'the platform got its answer');
  const seenUpstream = s.platform.received.map((r) => r.data.toString());
  assert.ok(!seenUpstream.some((t) => t.includes(injectedId)), 'the platform never sees the injected call or its answer');
  assert.ok(
    seenUpstream.some((t) => t.includes('hb-after')),
    'later charger frames still flow',
  );
  const answerRecord = s.fx.frames.find((f) => f.leg === 'charger' && f.id === injectedId && f.dir === 'rx')!;
  assert.equal(answerRecord.action, 'TriggerMessage', 'the injected exchange is in the charger leg of the log');
  await closeClient(charger);
});

test('upstream 401: the charger stays connected, is answered locally, sees why; its transaction reaches the platform once, in order, after it returns', async () => {
  const s = await setup({ refuseWith: 401 });
  const charger = await connectCP1(s);
  await until(() => s.relay.stateOf('CP1')?.phase === 'down', 'the upstream to be down');
  assert.match(s.relay.stateOf('CP1')!.reason!, /HTTP 401/);
  const boot = await chargerCall(charger, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  assert.equal((boot[2] as { status: string }).status, 'Accepted', 'the local central system answers');
  const startedAt = stamp(10);
  const start = await chargerCall(charger, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 1000, timestamp: startedAt }, 'start-1');
  const localTx = (start[2] as { transactionId: number }).transactionId;
  const meterAt = stamp(5);
  await chargerCall(
    charger,
    'MeterValues',
    {
      connectorId: 1,
      transactionId: localTx,
      meterValue: [{ timestamp: meterAt, sampledValue: [{ value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
    },
    'mv-1',
  );
  await chargerCall(charger, 'StopTransaction', { transactionId: localTx, meterStop: 2000, timestamp: stamp(1) }, 'stop-1');
  assert.ok(s.fx.frames.filter((f) => f.origin === 'local').length >= 4, 'local answers are marked in the log');
  assert.ok(
    s.fx.events.some(
      (e) => e.leg === 'upstream' && (e.event as { kind: string; status?: number }).kind === 'upstream-down' && (e.event as { status?: number }).status === 401,
    ),
  );
  assert.equal(charger.readyState, WebSocket.OPEN);

  s.platform.refuseWith = null;
  await until(() => s.platform.calls('StopTransaction').length === 1, 'the replayed StopTransaction', 8_000);
  await chargerCall(charger, 'Heartbeat', {}, 'hb-live');
  await until(() => s.platform.calls('Heartbeat').length === 1, 'live traffic after the replay');
  const replayed = s.platform.calls().map((f) => f[2]);
  assert.deepEqual(replayed, ['BootNotification', 'StartTransaction', 'MeterValues', 'StopTransaction', 'Heartbeat'], 'each once, in order');
  const [, startUp, meterUp, stopUp] = s.platform.calls().map((f) => f[3] as Record<string, unknown>);
  assert.equal(startUp!.timestamp, startedAt, 'original timestamps kept');
  assert.equal((meterUp!.meterValue as { timestamp: string }[])[0]!.timestamp, meterAt);
  const platformTx = 9001; // the test platform's first transaction id
  assert.equal(meterUp!.transactionId, platformTx, "later messages carry the platform's transaction id");
  assert.equal(stopUp!.transactionId, platformTx);
  assert.ok(
    s.platform.received[1]!.data.equals(Buffer.from(s.fx.frames.find((f) => f.id === 'start-1' && f.leg === 'charger' && f.dir === 'rx')!.raw)),
    'StartTransaction replayed with its original bytes',
  );
  assert.ok(s.fx.events.some((e) => (e.event as { kind: string; count?: number }).kind === 'upstream-replayed' && (e.event as { count?: number }).count === 4));
  await closeClient(charger);
});

test('a platform certificate no trusted CA signed: the charger keeps working and the reason names the certificate', async () => {
  const s = await setup({ cert: 'rogue' });
  const charger = await connectCP1(s);
  await until(() => s.relay.stateOf('CP1')?.phase === 'down', 'the upstream to be down');
  assert.match(s.relay.stateOf('CP1')!.reason!, /certificate|self-signed/i);
  const beat = await chargerCall(charger, 'Heartbeat', {});
  assert.equal(beat[0], 3);
  assert.equal(s.platform.received.length, 0, 'nothing reached an unverified platform');
  assert.equal(s.platform.authorizations.length, 0, 'no credentials were offered to it');
  await closeClient(charger);
});

test('the platform drops mid-session: messages during the outage are replayed in order once it is back; the charger leaving takes the platform leg down', async () => {
  const s = await setup();
  const charger = await connectCP1(s);
  await upstreamOpen(s);
  const start = await chargerCall(charger, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 0, timestamp: stamp(3) });
  const tx = (start[2] as { transactionId: number }).transactionId;
  assert.equal(tx, 9001, "the platform's answer reached the charger");
  s.platform.refuseWith = 503;
  s.platform.dropAll();
  await until(() => s.relay.stateOf('CP1')?.phase === 'down', 'the upstream to be down');
  await chargerCall(
    charger,
    'MeterValues',
    { connectorId: 1, transactionId: tx, meterValue: [{ timestamp: stamp(2), sampledValue: [{ value: '700' }] }] },
    'mv-out',
  );
  await chargerCall(charger, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' }, 'st-1');
  await chargerCall(charger, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Finishing' }, 'st-2');
  await chargerCall(charger, 'StopTransaction', { transactionId: tx, meterStop: 900, timestamp: stamp(1) }, 'stop-out');
  assert.match(s.relay.stateOf('CP1')!.reason!, /HTTP 503|closed/);
  assert.equal(s.relay.stateOf('CP1')!.backlog, 3, 'MeterValues, the latest status, StopTransaction');
  s.platform.refuseWith = null;
  await until(() => s.platform.calls('StopTransaction').length === 1, 'the replayed StopTransaction', 8_000);
  const ids = s.platform.calls().map((f) => f[1]);
  assert.deepEqual(ids.slice(1), ['mv-out', 'st-2', 'stop-out'], 'in order, once; only the latest status of the connector');
  assert.equal(s.platform.calls('StopTransaction')[0]![3] && (s.platform.calls('StopTransaction')[0]![3] as { transactionId: number }).transactionId, 9001);
  const upstreamSocket = s.platform.connections.at(-1)!;
  const closed = new Promise<number>((resolve) => upstreamSocket.once('close', (code) => resolve(code)));
  await closeClient(charger);
  assert.equal(await closed, 1000, 'the platform sees the charger go offline with its close code');
});

test('the upstream password and Authorization header appear nowhere in the recordings', async () => {
  const s = await setup();
  const charger = await connectCP1(s);
  await upstreamOpen(s);
  await chargerCall(charger, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  assert.equal(s.platform.authorizations.at(-1), `Basic ${BASIC_HEADER}`, 'the platform got the credentials');
  s.platform.dropAll();
  await until(() => s.states.some((st) => st.phase === 'down'), 'a recorded outage');
  await upstreamOpen(s);
  await closeClient(charger);
  await until(() => s.fx.events.some((e) => (e.event as { kind: string }).kind === 'disconnected'), 'the disconnect');
  const dir = join(s.fx.dataDir, 'sessions');
  s.fx.central.sessionOf('CP1')!.flushNow();
  const everything =
    readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n') +
    JSON.stringify(s.fx.events) +
    JSON.stringify(s.states) +
    JSON.stringify(s.relay.targets());
  for (const secret of [UPSTREAM_PASSWORD, BASIC_HEADER]) assert.ok(!everything.includes(secret), 'no secret in recordings, events or target summaries');
  assert.ok(everything.includes('upstream-open'), 'the recording does hold the upstream leg');
  assert.equal(s.relay.targets()[0]!.hasPassword, true);
});

test('targets are checked when set: plain ws needs the insecure switch, no credentials in the URL, a readable CA file', () => {
  const relay = new Relay();
  assert.throws(() => relay.setTarget('*', { url: 'ws://platform.example/ocpp' }), /allow insecure/);
  assert.throws(() => relay.setTarget('*', { url: 'wss://me:pw@platform.example/ocpp' }), /password field/);
  assert.throws(() => relay.setTarget('*', { url: 'https://platform.example/ocpp' }), /wss:\/\//);
  assert.throws(() => relay.setTarget('*', { url: 'wss://platform.example/ocpp', caFile: join(pkiDir, 'missing.pem') }), /cannot read the CA file/);
  assert.equal(relay.setTarget('*', { url: 'ws://127.0.0.1:1/ocpp', allowInsecure: true }).chargerId, '*');
  assert.equal(relay.targetFor('CP9')!.url, 'ws://127.0.0.1:1/ocpp/CP9');
});

/** The relay where the platform decides (--forward-charger-auth): nothing checked here, each charger's own credentials passed on. */
async function setupForward(): Promise<Setup> {
  const platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: 'the-chargers-own' });
  const relay = new Relay({ backoff: { initialMs: 30, maxMs: 120 }, handshakeTimeoutMs: 2_000 });
  relay.setTarget('*', { url: platform.url, caFile: pki.caFile, forwardChargerAuth: true });
  const states: RelayState[] = [];
  relay.on('state', (st) => states.push(st));
  const fx = await startCentral({ callTimeoutMs: 3_000, passwords: new Map(), acceptAny: true }, { relay });
  const s = { platform, relay, fx, states };
  open.push(s);
  return s;
}

const refusalOf = (attempt: Promise<WebSocket>) =>
  attempt.then(
    (ws) => {
      ws.close();
      throw new Error('admitted');
    },
    (err: Error & { status?: number }) => err,
  );

test('forwarded credentials: the platform decides at the handshake; an impostor with a charger id gets nothing to the platform, before or after the genuine charger, during an outage or not', async () => {
  const s = await setupForward();
  // An impostor that knows the id (it is printed on the charger) and guesses a password: refused with the platform's status and reason.
  const impostor = await refusalOf(connectCharger(s.fx.wsUrl, 'CP1', { password: 'guessed' }));
  assert.equal(impostor.status, 401);
  assert.match(impostor.message, /the platform refused CP1: HTTP 401/);
  // A web page the installer opens: no credentials (a browser cannot send them), an Origin. Refused before the platform is even asked.
  const asked = s.platform.authorizations.length;
  const page = await refusalOf(connectCharger(s.fx.wsUrl, 'CP1', { headers: { Origin: 'http://evil.example' } }));
  assert.equal(page.status, 401);
  assert.match(page.message, /no Basic Auth credentials were sent/);
  assert.equal(s.platform.authorizations.length, asked, 'the platform was not asked for a credential-less connection');
  // The platform unreachable: an id whose credentials it never accepted is refused, not answered in its place.
  s.platform.refuseWith = 503;
  const duringOutage = await refusalOf(connectCharger(s.fx.wsUrl, 'CP1', { password: 'guessed' }));
  assert.equal(duringOutage.status, 503);
  assert.match(duringOutage.message, /could not be reached to check the credentials of CP1/);
  s.platform.refuseWith = null;

  // The genuine charger: admitted on the platform's word, on the very connection the platform opened for the check.
  const genuine = await connectCharger(s.fx.wsUrl, 'CP1', { password: 'the-chargers-own' });
  await until(() => s.relay.stateOf('CP1')?.phase === 'open', 'the upstream leg to open');
  const sessionsAtPlatform = s.platform.connections.length;
  assert.equal(sessionsAtPlatform, 1, 'one login at the platform for the genuine charger (the check and the link are one)');
  const start = await chargerCall(genuine, 'StartTransaction', { connectorId: 1, idTag: 'GENUINE', meterStart: 100, timestamp: stamp(3) }, 'g-start');
  const tx = (start[2] as { transactionId: number }).transactionId;
  // An outage while it is connected: its own messages are answered here, kept, and replayed in order once the platform is back.
  s.platform.refuseWith = 503;
  s.platform.dropAll();
  await until(() => s.relay.stateOf('CP1')?.phase === 'down', 'the upstream to be down');
  await chargerCall(
    genuine,
    'MeterValues',
    { connectorId: 1, transactionId: tx, meterValue: [{ timestamp: stamp(2), sampledValue: [{ value: '600' }] }] },
    'g-mv',
  );
  await chargerCall(genuine, 'StopTransaction', { transactionId: tx, meterStop: 900, timestamp: stamp(1) }, 'g-stop');
  // The impostor tries again during the outage: still refused; nothing of it is kept.
  assert.equal((await refusalOf(connectCharger(s.fx.wsUrl, 'CP1', { password: 'guessed' }))).status, 503);
  s.platform.refuseWith = null;
  await until(() => s.platform.calls('StopTransaction').length === 1, 'the replayed StopTransaction', 8_000);
  assert.deepEqual(
    s.platform.calls().map((f) => f[1]),
    ['g-start', 'g-mv', 'g-stop'],
    'the genuine charger’s messages, each once, in order, and nothing else',
  );
  const everything = s.platform.received.map((r) => r.data.toString()).join('\n');
  assert.doesNotMatch(everything, /IMPOSTOR|guessed|999999/);
  await closeClient(genuine);
});

test('forwarded credentials: a platform that later refuses them is not an outage; the charger is let go and nothing is answered in its place', async () => {
  const s = await setupForward();
  const charger = await connectCharger(s.fx.wsUrl, 'CP1', { password: 'the-chargers-own' });
  await until(() => s.relay.stateOf('CP1')?.phase === 'open', 'the upstream leg to open');
  const closed = new Promise<number>((resolve) => charger.once('close', (code) => resolve(code)));
  // The platform changed the charger's password: on the next login it says 401.
  s.platform.refuseWith = 401;
  s.platform.dropAll();
  assert.equal(await closed, 1008, 'the charger is let go with a policy close');
  assert.ok(s.fx.events.some((e) => e.leg === 'upstream' && (e.event as { kind: string }).kind === 'upstream-refused'));
  assert.equal(s.fx.frames.filter((f) => f.origin === 'local').length, 0, 'nothing was answered locally');
  assert.equal(s.relay.stateOf('CP1')?.phase, 'closed');
  // And it is refused at the handshake from then on, with the platform's reason.
  const again = await refusalOf(connectCharger(s.fx.wsUrl, 'CP1', { password: 'the-chargers-own' }));
  assert.equal(again.status, 401);
});
