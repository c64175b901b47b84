import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, type Action } from './actions.ts';
import { EXAMPLES } from './examples.ts';
import { answerCodeFor, hasSchema, validatePayload } from './validator.ts';

test('every action of Core, Firmware, Local Auth List, Reservation, Smart Charging and Remote Trigger has both schemas', () => {
  for (const action of Object.keys(ACTIONS) as Action[]) {
    assert.ok(hasSchema(action, 'req'), `${action}.req`);
    assert.ok(hasSchema(action, 'conf'), `${action}.conf`);
  }
});

test('the example payload of every action is valid in both directions', () => {
  for (const [action, example] of Object.entries(EXAMPLES)) {
    assert.deepEqual(validatePayload(action, 'req', example.req), [], `${action}.req`);
    assert.deepEqual(validatePayload(action, 'conf', example.conf), [], `${action}.conf`);
  }
});

test('violations come with the payload path, the failed rule and the CALLERROR code', () => {
  const issues = validatePayload('MeterValues', 'req', {
    connectorId: '1',
    meterValue: [{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: 230.1, unit: 'kw' }] }],
  });
  const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
  assert.equal(byPath['/connectorId']?.code, 'TypeConstraintViolation');
  assert.equal(byPath['/meterValue/0/sampledValue/0/value']?.code, 'TypeConstraintViolation');
  assert.equal(byPath['/meterValue/0/sampledValue/0/unit']?.code, 'PropertyConstraintViolation');
  assert.match(byPath['/meterValue/0/sampledValue/0/unit']!.message, /Wh, kWh/);
});

test('a missing required field is an OccurenceConstraintViolation and an unknown field a FormationViolation', () => {
  const missing = validatePayload('BootNotification', 'req', { chargePointVendor: 'V' });
  assert.deepEqual(
    missing.map((i) => [i.path, i.code]),
    [['/chargePointModel', 'OccurenceConstraintViolation']],
  );
  const extra = validatePayload('Heartbeat', 'req', { uptime: 5 });
  assert.deepEqual(
    extra.map((i) => [i.path, i.code]),
    [['/uptime', 'FormationViolation']],
  );
  assert.equal(answerCodeFor([...missing, ...extra]), 'FormationViolation');
});

test('strings longer than the schema allows are caught (serial numbers, idTags)', () => {
  const issues = validatePayload('Authorize', 'req', { idTag: 'X'.repeat(21) });
  assert.equal(issues[0]?.keyword, 'maxLength');
  assert.equal(issues[0]?.path, '/idTag');
});
