import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { chargerCall, closeClient, connectCharger, sendRaw, startCentral, type CentralFixture } from '../testing/central-fixture.ts';
import { ChargerModels } from './registry.ts';

const fixtures: CentralFixture[] = [];
after(async () => Promise.all(fixtures.map((f) => f.close())));

async function central(): Promise<CentralFixture> {
  const fx = await startCentral();
  fixtures.push(fx);
  return fx;
}

const reading = (n: number) => ({
  timestamp: new Date(Date.UTC(2026, 11, 6, 12, 0, n)).toISOString(),
  sampledValue: [
    { value: String(1000 + n * 7), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
    { value: String(7.2 + n / 10), measurand: 'Power.Active.Import', unit: 'kW' },
    { value: '16', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
    { value: '16', measurand: 'Current.Offered', unit: 'A' },
  ],
});

/** A charger's day in small: boot, status, a transaction with readings, a malformed frame, a schema error, its end. */
async function chargerDay(ws: WebSocket, from: number, count: number): Promise<void> {
  if (from === 0) {
    await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1', firmwareVersion: '1.2.3' });
    await chargerCall(ws, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
    await chargerCall(ws, 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 1000, timestamp: reading(0).timestamp });
    await chargerCall(ws, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  }
  for (let n = from; n < from + count; n++) {
    await chargerCall(ws, 'MeterValues', { connectorId: 1, transactionId: 1, meterValue: [reading(n)] });
    if (n % 5 === 2) await chargerCall(ws, 'Heartbeat', {});
    if (n % 7 === 3) await sendRaw(ws, `[2,"bad${n}","MeterValues",{"connectorId":"one"}]`, `bad${n}`);
  }
}

test('a model nobody follows is folded from the recording when it is read, and equals the one folded as records passed', async () => {
  const fx = await central();
  const followed = new ChargerModels(fx.central);
  followed.onChange(() => {});
  const onDemand = new ChargerModels(fx.central);
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerDay(ws, 0, 3);
  const held = onDemand.builder('CP1');
  const seqWhenRead = held.model.lastSeq;
  assert.ok(seqWhenRead > 10, 'read once: up to date then');
  await chargerDay(ws, 3, 30);
  // Nothing was folded meanwhile: the model a holder kept is where it was when it was last read.
  assert.equal(held.model.lastSeq, seqWhenRead);
  assert.equal(onDemand.builder('CP1'), held, 'the same builder, brought up to date');
  assert.ok(held.model.lastSeq > seqWhenRead + 60);
  assert.deepEqual(held.model, followed.builder('CP1').model);
  assert.equal(held.model.samples.length, 33);
  assert.ok(held.model.schema.violations.length >= 4, 'the malformed calls are in it too');

  await closeClient(ws);
  await fx.central.disconnect('CP1', 'done');
  assert.deepEqual(onDemand.builder('CP1').model, followed.builder('CP1').model, 'the disconnection too');
  onDemand.close();
  followed.close();
});

test('read in the very turn its records arrive, before they are written, the model has them', async () => {
  const fx = await central();
  const onDemand = new ChargerModels(fx.central);
  const seen: { record: number; model: number; samples: number }[] = [];
  fx.central.on('frame', (record) => {
    if (record.dir !== 'rx' || record.action !== 'MeterValues') return;
    // The recorder still holds this record (it is written at the end of the turn).
    const model = onDemand.builder('CP1').model;
    seen.push({ record: record.seq, model: model.lastSeq, samples: model.samples.length });
  });
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerDay(ws, 0, 6);
  assert.equal(seen.length, 6 + 1); // one malformed MeterValues (n = 3)
  for (const s of seen) assert.equal(s.model, s.record);
  assert.equal(seen.at(-1)!.samples, 6);
  await closeClient(ws);
  onDemand.close();
});

test('once followed, every model is brought up to date and then folded as records pass; left alone again, records wait', async () => {
  const fx = await central();
  const models = new ChargerModels(fx.central);
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerDay(ws, 0, 4);
  const held = models.builder('CP1');
  await chargerDay(ws, 4, 4);
  const behind = held.model.lastSeq;
  const current: boolean[] = [];
  const stop = models.onChange((chargerId) => current.push(chargerId === 'CP1' && held.model.lastSeq === fx.frames.at(-1)!.seq));
  assert.ok(held.model.lastSeq > behind, 'brought up to date when followed');
  await chargerDay(ws, 8, 4);
  assert.ok(current.length >= 8);
  assert.ok(
    current.every((c) => c),
    'each change is told with the model holding it',
  );
  stop();
  const lastFollowed = held.model.lastSeq;
  await chargerDay(ws, 12, 4);
  assert.equal(held.model.lastSeq, lastFollowed, 'not folded once nobody follows');
  assert.equal(models.builder('CP1').model.samples.length, 16);
  assert.equal(held.model.lastSeq, fx.frames.at(-1)!.seq);
  await closeClient(ws);
  models.close();
});

test('with the disk refusing the recording, a model read on demand still has every record the recorder holds', async () => {
  const fx = await central();
  // A file where the sessions folder should be: every write of the recording fails, and is kept in memory.
  writeFileSync(join(fx.dataDir, 'sessions'), 'not a folder');
  const followed = new ChargerModels(fx.central);
  followed.onChange(() => {});
  const onDemand = new ChargerModels(fx.central);
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerDay(ws, 0, 5);
  assert.ok(fx.central.sessionOf('CP1')!.pending > 20, 'nothing reached the disk');
  assert.equal(onDemand.builder('CP1').model.samples.length, 5);
  assert.deepEqual(onDemand.builder('CP1').model, followed.builder('CP1').model);
  await closeClient(ws);
  onDemand.close();
  followed.close();
});
