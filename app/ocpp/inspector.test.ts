import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameInspector } from './inspector.ts';

test('the inspector pairs answers with their CALL by direction, and says what is wrong without changing anything', () => {
  let now = 1000;
  const leg = new FrameInspector('central', () => now);
  const call = leg.inspect('rx', '[2,"a","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Sideways"}]');
  assert.equal(call.observation.action, 'StatusNotification');
  assert.ok(
    call.observation.issues.some((i) => i.kind === 'schema' && i.path === '/status'),
    'schema violations are named',
  );
  now += 7;
  const answer = leg.inspect('tx', '[3,"a",{}]');
  assert.equal(answer.observation.action, 'StatusNotification');
  assert.equal(answer.observation.latencyMs, 7);
  assert.deepEqual(
    leg.inspect('rx', '[3,"a",{}]').observation.issues.map((i) => i.message),
    ['answers no CALL seen on this connection (unknown message id)'],
    'an rx answer cannot answer an rx call',
  );
  leg.inspect('tx', '[2,"p1","GetConfiguration",{}]');
  const second = leg.inspect('tx', '[2,"p2","GetConfiguration",{}]');
  assert.match(second.observation.issues[0]!.message, /previous CALL p1 was still unanswered/);
  assert.equal(
    leg.inspect('rx', '[2,"x","RemoteStartTransaction",{"idTag":"A"}]').observation.issues[0]!.code,
    'NotSupported',
    'a charger does not send central operations',
  );
  const garbage = leg.inspect('rx', '[2,"g","Heartbeat",{');
  assert.equal(garbage.frame, null);
  assert.equal(garbage.observation.id, 'g');
  assert.equal(garbage.observation.issues[0]!.kind, 'frame');
});

test('forward keeps the other leg’s verdict on the bytes and pairs on its own leg', () => {
  let now = 0;
  const chargerLeg = new FrameInspector('central', () => now);
  const platformLeg = new FrameInspector('chargePoint', () => now);
  const text = '[2,"m1","MeterValues",{"connectorId":1,"meterValue":[]}]';
  const seen = chargerLeg.inspect('rx', text);
  const forwarded = platformLeg.forward('tx', text, seen.frame, seen.observation);
  assert.deepEqual(forwarded.issues, seen.observation.issues, 'same bytes, same schema verdict');
  assert.equal(forwarded.dir, 'tx');
  now = 3;
  const answer = platformLeg.inspect('rx', '[3,"m1",{}]');
  assert.equal(answer.observation.action, 'MeterValues');
  assert.equal(answer.observation.latencyMs, 3, 'the platform took 3 ms');
  now = 4;
  const back = chargerLeg.forward('tx', '[3,"m1",{}]', answer.frame, answer.observation);
  assert.equal(back.latencyMs, 4, 'the charger waited 4 ms');
});
