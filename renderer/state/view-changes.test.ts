import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargerView } from '../../app/host/contract.ts';
import { applyViewChanges, isCompleteView, mergeFetchedView } from './view-changes.ts';

const view = (lastSeq: number, over: Partial<ChargerView> = {}): ChargerView => ({
  chargerId: 'CP1',
  identity: null,
  connected: true,
  connection: null,
  connections: 1,
  lastRefusal: null,
  skew: null,
  heartbeat: { count: 0, lastAt: null, intervalS: 60, lateCount: 0, lastMessageAt: null },
  boots: 1,
  connectors: [],
  transactions: [],
  configuration: null,
  sampleIntervalS: null,
  sampledDataChanges: [],
  firmwareStatus: [],
  security: { profile: null, events: [], requests: [], signed: [], signedFirmware: [] },
  schema: { framesFromCharger: lastSeq, violations: 0 },
  samplesTotal: 0,
  lastAt: 1000 + lastSeq,
  lastSeq,
  ...over,
});

test('changes lay over the held view; a partial one is not shown until it names every field', () => {
  const partial = applyViewChanges(null, { chargerId: 'CP1', lastSeq: 5, samplesTotal: 3 });
  assert.equal(isCompleteView(partial), false);
  const whole = applyViewChanges(view(4), { chargerId: 'CP1', lastSeq: 5, samplesTotal: 3 });
  assert.ok(isCompleteView(whole));
  assert.equal(whole.samplesTotal, 3);
  assert.equal(whole.boots, 1, 'what the update did not name stays');
});

test('the fetched view and earlier updates: the newer wins, fields the updates never named come from the fetched one', () => {
  const fromUpdates = { chargerId: 'CP1', lastSeq: 9, samplesTotal: 7 };
  const older = mergeFetchedView(view(6, { samplesTotal: 4, boots: 2 }), fromUpdates);
  assert.equal(older.samplesTotal, 7, 'the updates are newer than the fetched view');
  assert.equal(older.boots, 2, 'boots came only with the fetched view');
  assert.equal(older.lastSeq, 9);
  const newer = mergeFetchedView(view(12, { samplesTotal: 9 }), fromUpdates);
  assert.equal(newer.samplesTotal, 9, 'a fetched view newer than the updates wins');
  assert.equal(mergeFetchedView(view(3), null).lastSeq, 3);
});
