import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyFieldsOfRaw, previewLine } from './key-fields.ts';

const preview = (raw: unknown[], action = '') => previewLine(keyFieldsOfRaw(JSON.stringify(raw), action));

test("a charger's calls show the fields a person looks for, in the order they read them", () => {
  assert.equal(preview([2, 'm1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' }]), 'connectorId 1 · status Charging');
  assert.equal(
    preview([2, 'm2', 'StatusNotification', { connectorId: 2, errorCode: 'GroundFailure', status: 'Faulted', info: 'RCD' }]),
    'connectorId 2 · status Faulted · errorCode GroundFailure · info RCD',
  );
  assert.equal(
    preview([
      2,
      'm3',
      'MeterValues',
      {
        connectorId: 1,
        transactionId: 42,
        meterValue: [
          { timestamp: 't', sampledValue: [] },
          { timestamp: 't', sampledValue: [] },
        ],
      },
    ]),
    'connectorId 1 · transactionId 42 · meterValue ×2',
  );
  assert.equal(
    preview([2, 'm4', 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wallbox 7', firmwareVersion: '1.2.3' }]),
    'chargePointVendor Acme · chargePointModel Wallbox 7 · firmwareVersion 1.2.3',
  );
  assert.equal(preview([2, 'm5', 'Heartbeat', {}]), '');
});

test("our calls and the answers show what was asked and what came back; the answer by its call's action", () => {
  assert.equal(
    preview([
      2,
      'c1',
      'SetChargingProfile',
      {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
        },
      },
    ]),
    'connectorId 1 · chargingProfilePurpose TxDefaultProfile · chargingRateUnit A · limit 16',
  );
  assert.equal(preview([3, 'c1', { status: 'Rejected' }], 'SetChargingProfile'), 'status Rejected');
  assert.equal(preview([3, 's1', { transactionId: 7, idTagInfo: { status: 'Accepted' } }], 'StartTransaction'), 'transactionId 7 · status Accepted');
  assert.equal(
    preview([3, 'g1', { configurationKey: [{ key: 'A' }, { key: 'B' }], unknownKey: ['C'] }], 'GetConfiguration'),
    'configurationKey ×2 · unknownKey ×1',
  );
  assert.equal(
    preview([4, 'e1', 'NotSupported', 'Reset is not sent by a charge point', {}], 'Reset'),
    'errorCode NotSupported · errorDescription Reset is not sent by a charge point',
  );
});

test('a frame of an unknown action shows its first plain fields, status first; junk shows nothing', () => {
  assert.equal(preview([3, 'v1', { data: 'x', status: 'Accepted', nested: { a: 1 } }], 'VendorThing'), 'status Accepted · data x');
  assert.equal(previewLine(keyFieldsOfRaw('not json', '')), '');
  assert.equal(previewLine(keyFieldsOfRaw('{"a":1}', '')), '');
  assert.equal(preview([2, 'm6', 'StatusNotification', 'not an object']), '');
  // A long value from the charger is cut; the row stays one line.
  assert.equal(preview([2, 'm7', 'Authorize', { idTag: 'X'.repeat(100) }]).length, 'idTag '.length + 40);
});
