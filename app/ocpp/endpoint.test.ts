import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { inbox, wsPair, type WsPair } from '../testing/ws-pair.ts';
import { RpcEndpoint, type FrameObservation } from './endpoint.ts';
import { CallAborted, CallErrorResponse, CallTimeout, InvalidOutgoingPayload } from './errors.ts';

let pair: WsPair;
let seen: FrameObservation[];
let strict: boolean;
let central: RpcEndpoint;

beforeEach(async () => {
  pair = await wsPair();
  seen = [];
  strict = false;
  central = new RpcEndpoint({
    sink: { send: (text) => pair.server.send(text) },
    role: 'central',
    handler: ({ action }) => (action === 'Heartbeat' ? { currentTime: '2026-01-01T00:00:00Z' } : {}),
    observe: (f) => seen.push(f),
    strict: () => strict,
    callTimeoutMs: 1_000,
  });
  pair.server.on('message', (data) => central.receive(data.toString()));
});

afterEach(async () => {
  central.close('test over');
  await pair.close();
});

test('only one CALL is outstanding at a time; the rest wait their turn and all resolve in order', async () => {
  const charger = inbox(pair.client);
  const results = [1, 2, 3].map((n) => central.call('ChangeConfiguration', { key: `K${n}`, value: 'v' }));
  const first = await charger.next();
  assert.equal((first[3] as { key: string }).key, 'K1');
  // give a second CALL every chance to arrive before the first is answered
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(charger.messages.length, 1, 'no second CALL while the first is unanswered');
  for (let n = 1; n <= 3; n++) {
    const call = n === 1 ? first : await charger.next();
    assert.equal((call[3] as { key: string }).key, `K${n}`);
    pair.client.send(JSON.stringify([3, call[1], { status: 'Accepted' }]));
  }
  const answers = await Promise.all(results);
  assert.deepEqual(
    answers.map((a) => a.payload),
    [{ status: 'Accepted' }, { status: 'Accepted' }, { status: 'Accepted' }],
  );
});

test('a call times out, the next queued call goes out, and the late answer is recorded as late', async () => {
  const charger = inbox(pair.client);
  const slow = central.call('GetConfiguration', {}, { timeoutMs: 150 });
  const next = central.call('ClearCache', {});
  const first = await charger.next();
  await assert.rejects(slow, CallTimeout);
  const second = await charger.next();
  assert.equal(second[2], 'ClearCache');
  pair.client.send(JSON.stringify([3, first[1], { configurationKey: [] }]));
  pair.client.send(JSON.stringify([3, second[1], { status: 'Accepted' }]));
  assert.deepEqual((await next).payload, { status: 'Accepted' });
  const late = seen.find((f) => f.dir === 'rx' && f.id === first[1]);
  assert.ok(late, 'the late answer is recorded');
  assert.equal(late.action, 'GetConfiguration');
  assert.match(late.issues[0]!.message, /late answer/);
});

test('an answer to no call of ours is recorded, and nothing breaks', async () => {
  pair.client.send(JSON.stringify([3, 'never-sent', {}]));
  const charger = inbox(pair.client);
  const call = central.call('ClearCache', {});
  const sent = await charger.next();
  pair.client.send(JSON.stringify([3, sent[1], { status: 'Rejected' }]));
  assert.deepEqual((await call).payload, { status: 'Rejected' });
  assert.match(seen.find((f) => f.id === 'never-sent')!.issues[0]!.message, /unknown message id/);
});

test('a CALLERROR answer rejects the call with its code, and a schema-invalid answer is returned with its issues', async () => {
  const charger = inbox(pair.client);
  const failing = central.call('Reset', { type: 'Hard' });
  pair.client.send(JSON.stringify([4, (await charger.next())[1], 'NotSupported', 'no resets here', {}]));
  await assert.rejects(failing, (err: unknown) => err instanceof CallErrorResponse && err.code === 'NotSupported');
  const odd = central.call('Reset', { type: 'Soft' });
  pair.client.send(JSON.stringify([3, (await charger.next())[1], { status: 'Maybe' }]));
  const answer = await odd;
  assert.equal(answer.issues[0]?.path, '/status');
});

test('a payload that breaks the schema is refused before sending (strict on send)', async () => {
  const charger = inbox(pair.client);
  await assert.rejects(central.call('ChangeAvailability', { connectorId: 1, type: 'Sometimes' }), InvalidOutgoingPayload);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(charger.messages.length, 0);
});

test('closing fails every waiting call with the reason', async () => {
  const calls = [central.call('ClearCache', {}), central.call('ClearCache', {})];
  central.close('the charger went away');
  for (const call of calls) await assert.rejects(call, (err: unknown) => err instanceof CallAborted && /went away/.test(err.message));
});

test('lenient answers a usable schema-invalid CALL normally; strict answers it with a CALLERROR', async () => {
  const charger = inbox(pair.client);
  const bad = { connectorId: 1, errorCode: 'Oops', status: 'Available' };
  pair.client.send(JSON.stringify([2, 'l1', 'StatusNotification', bad]));
  assert.deepEqual(await charger.next(), [3, 'l1', {}]);
  assert.equal(seen.find((f) => f.id === 'l1' && f.dir === 'rx')!.issues[0]!.path, '/errorCode');
  strict = true;
  pair.client.send(JSON.stringify([2, 's1', 'StatusNotification', bad]));
  const answer = await charger.next();
  assert.equal(answer[0], 4);
  assert.equal(answer[2], 'PropertyConstraintViolation');
  assert.match(String(answer[3]), /errorCode/);
});

test('lenient still refuses a CALL whose required fields are missing', async () => {
  const charger = inbox(pair.client);
  pair.client.send(JSON.stringify([2, 'm1', 'StartTransaction', { connectorId: 1 }]));
  const answer = await charger.next();
  assert.deepEqual(answer.slice(0, 3), [4, 'm1', 'OccurenceConstraintViolation']);
});

test('an unknown action is NotImplemented, a central-system action sent by a charger NotSupported', async () => {
  const charger = inbox(pair.client);
  pair.client.send(JSON.stringify([2, 'u1', 'FlyToTheMoon', {}]));
  assert.deepEqual((await charger.next()).slice(0, 3), [4, 'u1', 'NotImplemented']);
  pair.client.send(JSON.stringify([2, 'u2', 'Reset', { type: 'Hard' }]));
  assert.deepEqual((await charger.next()).slice(0, 3), [4, 'u2', 'NotSupported']);
  pair.client.send(JSON.stringify([2, 'u3', 'Heartbeat', {}]));
  assert.deepEqual(await charger.next(), [3, 'u3', { currentTime: '2026-01-01T00:00:00Z' }]);
});

test("our answer to the charger's CALL carries how long we took, a result or an error, waited for or not", async () => {
  let clock = 1_000;
  const seenHere: FrameObservation[] = [];
  const here = new RpcEndpoint({
    sink: { send: () => {} },
    role: 'central',
    now: () => clock,
    // Authorize is looked up (asynchronously, 40 ms on this clock); Heartbeat answered at once.
    handler: async ({ action }) => {
      if (action !== 'Authorize') return { currentTime: '2026-01-01T00:00:00Z' };
      await Promise.resolve();
      clock += 40;
      return { idTagInfo: { status: 'Accepted' } };
    },
    observe: (f) => seenHere.push(f),
  });
  here.receive(JSON.stringify([2, 'a1', 'Authorize', { idTag: 'CARD' }]));
  here.receive(JSON.stringify([2, 'h1', 'Heartbeat', {}]));
  here.receive(JSON.stringify([2, 'x1', 'FlyToTheMoon', {}]));
  await new Promise((r) => setTimeout(r, 10));
  const answers = seenHere.filter((f) => f.dir === 'tx');
  const latencyOf = (id: string) => answers.find((f) => f.id === id)?.latencyMs;
  assert.equal(latencyOf('a1'), 40, 'the asynchronous answer: the time from its CALL to our answer');
  assert.equal(typeof latencyOf('h1'), 'number');
  assert.equal(typeof latencyOf('x1'), 'number', 'a CALLERROR is an answer too');
  here.close('test over');
});
