import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { readSession } from '../store/reader.ts';
import { chargerCall, closeClient, connectCharger, sendRaw, startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import type { ConnectionEvent } from './connection-events.ts';
import { render } from '../lib/message.ts';

let fx: CentralFixture;
before(async () => (fx = await startCentral()));
after(() => fx.close());

const eventsOf = (id: string | null) => fx.events.filter((e) => e.charger === id).map((e) => e.event as ConnectionEvent);
const at = () => new Date().toISOString();

for (const scheme of ['ws', 'wss'] as const) {
  test(`${scheme}: a charger with Basic Auth connects, boots, heartbeats, starts and stops a transaction`, async () => {
    const id = scheme === 'ws' ? 'CP1' : 'CP2';
    const ws = await connectCharger(scheme === 'ws' ? fx.wsUrl : fx.wssUrl, id, { password: scheme === 'ws' ? 'secret-1' : 'secret-2' });
    assert.equal(ws.protocol, 'ocpp1.6');
    const boot = await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
    assert.equal((boot[2] as { status: string }).status, 'Accepted');
    assert.equal((boot[2] as { interval: number }).interval, 60);
    assert.ok(Math.abs(Date.parse((boot[2] as { currentTime: string }).currentTime) - Date.now()) < 5_000);
    const beat = await chargerCall(ws, 'Heartbeat', {});
    assert.ok(Date.parse((beat[2] as { currentTime: string }).currentTime) > 0);
    const start = await chargerCall(ws, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 100, timestamp: at() });
    const { transactionId, idTagInfo } = start[2] as { transactionId: number; idTagInfo: { status: string } };
    assert.equal(idTagInfo.status, 'Accepted');
    const again = await chargerCall(ws, 'StartTransaction', { connectorId: 2, idTag: 'TAG1', meterStart: 0, timestamp: at() });
    assert.notEqual((again[2] as { transactionId: number }).transactionId, transactionId, 'transaction ids are unique per charger');
    const stop = await chargerCall(ws, 'StopTransaction', { transactionId, meterStop: 5100, timestamp: at() });
    assert.equal(stop[0], 3);
    const connected = eventsOf(id).find((e) => e.kind === 'connected');
    assert.ok(connected && connected.kind === 'connected');
    assert.equal(connected.scheme, scheme);
    assert.equal(connected.auth.user, id);
    if (scheme === 'wss') {
      assert.equal(connected.tls?.version, 'TLSv1.2');
      assert.equal(connected.tls?.policyCipher, true);
    } else {
      assert.equal(connected.tls, null);
    }
    await closeClient(ws);
    await until(() => eventsOf(id).some((e) => e.kind === 'disconnected'), 'disconnect recorded');
    // The session file holds what passed, in order.
    const session = readSession(fx.central.sessionOf(id)!.file);
    const actions = session.records.filter((r) => r.t === 'frame' && r.dir === 'rx').map((r) => (r.t === 'frame' ? r.action : ''));
    assert.deepEqual(actions, ['BootNotification', 'Heartbeat', 'StartTransaction', 'StartTransaction', 'StopTransaction']);
    assert.deepEqual(
      session.records.map((r) => r.seq),
      session.records.map((_, i) => i + 1),
    );
  });
}

test('a wrong password gets HTTP 401 and the attempt is recorded without the password', async () => {
  await assert.rejects(
    connectCharger(fx.wsUrl, 'CP1', { password: 'guess' }),
    (err: { status?: number; message: string }) => err.status === 401 && /wrong password/.test(err.message),
  );
  const refused = eventsOf('CP1').findLast((e) => e.kind === 'refused');
  assert.ok(refused && refused.kind === 'refused');
  assert.equal(refused.stage, 'auth');
  assert.equal(refused.auth?.passwordLength, 5);
  assert.ok(!JSON.stringify(fx.events).includes('guess'), 'the presented password is never recorded');
});

test('missing credentials and an unknown charger are refused with 401 and a reason', async () => {
  await assert.rejects(connectCharger(fx.wsUrl, 'CP1'), (err: { status?: number; message: string }) => err.status === 401 && /no Basic Auth/.test(err.message));
  await assert.rejects(connectCharger(fx.wsUrl, 'CP9', { password: 'x' }), (err: { message: string }) => /no password is configured for CP9/.test(err.message));
});

test('the password sent hex-encoded is refused with a hint saying so', async () => {
  const hex = Buffer.from('secret-1').toString('hex');
  await assert.rejects(connectCharger(fx.wsUrl, 'CP1', { password: hex }), (err: { message: string }) => /hex-encoded/.test(err.message));
});

test('a client that offers no subprotocol, or only another one, is refused with the reason recorded', async () => {
  await assert.rejects(connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1', protocols: [] }), (err: { status?: number }) => err.status === 400);
  await assert.rejects(connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', protocols: ['ocpp2.0.1'] }), (err: { message: string }) =>
    /offered ocpp2\.0\.1 but not ocpp1\.6/.test(err.message),
  );
  const refusals = eventsOf('CP1').filter((e) => e.kind === 'refused' && e.stage === 'subprotocol');
  assert.equal(refusals.length, 2);
  assert.match(refusals[0]!.kind === 'refused' ? refusals[0]!.reason : '', /no WebSocket subprotocol/);
});

test('a charger that appends its id twice is admitted with a hint', async () => {
  const ws = await connectCharger(`${fx.wsUrl}/CP1`, 'CP1', { password: 'secret-1' });
  const connected = eventsOf('CP1').findLast((e) => e.kind === 'connected');
  assert.ok(connected?.kind === 'connected' && connected.hints.some((h) => /appears twice/.test(render(h))));
  await closeClient(ws);
});

test('a charger that connects again replaces its old socket', async () => {
  const first = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  const firstClosed = new Promise<number>((resolve) => first.once('close', (code) => resolve(code)));
  const second = await connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1' });
  assert.equal(await firstClosed, 1000);
  const summary = fx.central.chargers().find((c) => c.id === 'CP1');
  assert.equal(summary?.scheme, 'wss');
  // The new socket is the one in use: a call reaches it.
  second.on('message', (data) => {
    const [type, id] = JSON.parse(data.toString()) as [number, string];
    if (type === 2) second.send(JSON.stringify([3, id, { status: 'Accepted' }]));
  });
  const outcome = await fx.central.call('CP1', 'ClearCache', {});
  assert.deepEqual(outcome.payload, { status: 'Accepted' });
  assert.ok(eventsOf('CP1').some((e) => e.kind === 'replaced'));
  await closeClient(second);
});

test('several chargers at once each get their own session', async () => {
  const a = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  const b = await connectCharger(fx.wsUrl, 'CP2', { password: 'secret-2' });
  await Promise.all([chargerCall(a, 'Heartbeat', {}), chargerCall(b, 'Heartbeat', {})]);
  const list = fx.central.chargers().filter((c) => c.connected);
  assert.deepEqual(
    list.map((c) => c.id),
    ['CP1', 'CP2'],
  );
  assert.notEqual(list[0]!.sessionId, list[1]!.sessionId);
  await Promise.all([closeClient(a), closeClient(b)]);
});

test('malformed frames get the right CALLERROR and the connection stays usable', async () => {
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  const cases: [string, string, string][] = [
    ['[2,"f1","Heartbeat",{}', 'f1', 'FormationViolation'],
    ['[2,"f2","Heartbeat"]', 'f2', 'ProtocolError'],
    ['[9,"f3","Heartbeat",{}]', 'f3', 'FormationViolation'],
    ['[2,"f4","Teleport",{}]', 'f4', 'NotImplemented'],
    ['[2,"f5","StatusNotification",{"connectorId":"one","errorCode":"NoError","status":"Available"}]', 'f5', 'TypeConstraintViolation'],
    ['[2,"f6","BootNotification",{"chargePointVendor":"x"}]', 'f6', 'OccurenceConstraintViolation'],
  ];
  fx.central.setStrict('CP1', true);
  for (const [text, id, code] of cases) {
    const answer = await sendRaw(ws, text, id);
    assert.deepEqual(answer.slice(0, 3), [4, id, code], text);
  }
  fx.central.setStrict('CP1', false);
  const ok = await chargerCall(ws, 'Heartbeat', {});
  assert.equal(ok[0], 3, 'still usable after six bad frames');
  const recorded = fx.frames.find((f) => f.id === 'f5' && f.dir === 'rx');
  assert.deepEqual(
    recorded?.issues.map((i) => [i.kind, i.path]),
    [['schema', '/connectorId']],
  );
  await closeClient(ws);
});

test('plain HTTP to the wss port and a browser on the ws port are refused with reasons', async () => {
  const port = Number(new URL(fx.wssUrl).port);
  const reply = await new Promise<string>((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write('GET /ocpp/CP1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'));
    let text = '';
    socket.on('data', (c) => (text += c.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  assert.doesNotMatch(reply, /101 Switching/);
  const tlsRefusal = await until(
    () =>
      fx.events.map((e) => e.event as ConnectionEvent).find((e) => e.kind === 'refused' && e.stage === 'tls' && /plain HTTP/.test(render(e.hints?.[0] ?? ''))),
    'plain-http refusal',
  );
  assert.ok(tlsRefusal);
  const res = await fetch(`${fx.wsUrl.replace('ws:', 'http:')}/CP1`);
  assert.equal(res.status, 426);
  assert.match(await res.text(), /OCPP 1\.6J endpoint/);
});

test('every central-system call to a charger that is not connected fails with a reason', async () => {
  await assert.rejects(fx.central.call('NOPE', 'ClearCache', {}), /not connected/);
  await assert.rejects(fx.central.call('CP1', 'Heartbeat', {}), /sent by the charge point/);
});

// Last: it stops the central system of this file.
test("a charger's call that races our close: its answer is recorded as not delivered, with why, never as sent and done", async () => {
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  const received: string[] = [];
  ws.on('message', (d) => received.push(d.toString()));
  // The charger's StatusNotification is on its way while the central system closes the connection.
  ws.send('[2,"race-1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing"}]');
  fx.central.disconnect('CP1', 'testing reconnection');
  await until(
    () =>
      eventsOf('CP1').filter((e) => e.kind === 'disconnected').length >= 1 && fx.frames.some((f) => f.charger === 'CP1' && f.id === 'race-1' && f.dir === 'tx'),
    'the close and the answer',
  );
  const answer = fx.frames.find((f) => f.charger === 'CP1' && f.id === 'race-1' && f.dir === 'tx')!;
  const undelivered = eventsOf('CP1').find((e) => e.kind === 'undelivered');
  const markedOnFrame = answer.issues.some((i) => /not delivered/.test(i.message));
  assert.ok(undelivered || markedOnFrame, 'the answer is marked as not delivered');
  if (undelivered && undelivered.kind === 'undelivered') {
    assert.equal(undelivered.seq, answer.seq, 'the event names the frame it is about');
    assert.match(undelivered.reason, /not delivered: the connection was (closing|closed)/);
  }
  assert.ok(!received.some((r) => r.includes('race-1')), 'and the charger indeed never got it');
});

test('stopping closes every charger and its session ends with the disconnect, by the central system', async () => {
  const ws = await connectCharger(fx.wsUrl, 'CP2', { password: 'secret-2' });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const file = fx.central.sessionOf('CP2')!.file;
  await fx.central.stop();
  assert.equal(await closed, 1001);
  const last = readSession(file).records.at(-1);
  assert.equal(last?.t, 'event');
  assert.deepEqual(last?.t === 'event' && { kind: last.event.kind, by: (last.event as ConnectionEvent & { by?: string }).by }, {
    kind: 'disconnected',
    by: 'central',
  });
  assert.equal(fx.central.state().running, false);
});
