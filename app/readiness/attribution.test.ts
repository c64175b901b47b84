/**
 * Active checks against chargers whose own traffic lands right when the suite probes: a status change
 * a moment after a trigger, a reconnect's BootNotification after a boot trigger, a read-back that
 * omits the key, a car that stops by itself under a limit of 0. Each charger is scripted here on a
 * raw WebSocket (not the simulator), so the races are exactly the ones written down.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type WebSocket from 'ws';
import { ChargerModels } from '../charger/registry.ts';
import { centralDriver } from './driver.ts';
import { SuiteSession } from './session.ts';
import { triggerBoot, triggerStatus } from './steps/trigger.ts';
import { setSampleInterval } from './steps/config.ts';
import { connectCharger, startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';

let fx: CentralFixture;
let models: ChargerModels;
const PASSWORD = 'pw';
const timing = { withinMs: 1_500, settleMs: 400 };

before(async () => {
  fx = await startCentral({ passwords: new Map([['*', PASSWORD]]), heartbeatInterval: 60 });
  models = new ChargerModels(fx.central);
});
after(async () => {
  models.close();
  await fx.close();
});

type Reply = (action: string, payload: Record<string, unknown>, ws: WebSocket) => unknown;

/** A charger that boots, reports connector 1 Available, and answers the central's calls with reply(). */
async function scripted(
  id: string,
  reply: Reply,
): Promise<{ ws: () => WebSocket; send: (action: string, payload: unknown) => void; reconnect: () => Promise<void> }> {
  let ws!: WebSocket;
  let n = 0;
  const send = (action: string, payload: unknown) => ws.send(JSON.stringify([2, `${id}-${n++}`, action, payload]));
  const open = async () => {
    ws = await connectCharger(fx.wsUrl, id, { password: PASSWORD });
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as unknown[];
      if (frame[0] !== 2) return;
      const answer = reply(frame[2] as string, frame[3] as Record<string, unknown>, ws) ?? {};
      ws.send(JSON.stringify([3, frame[1], answer]));
    });
    send('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Race' });
    await until(() => models.builder(id).model.boots.some((b) => b.answer && b.connection === models.builder(id).model.connections.length - 1), `${id} booted`);
  };
  await open();
  send('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  await until(() => models.builder(id).model.connectors.find((c) => c.id === 1)?.status === 'Available', `${id} Available`);
  return {
    ws: () => ws,
    send,
    reconnect: async () => {
      ws.close();
      await until(() => models.builder(id).model.connections.at(-1)?.ended, `${id} gone`);
      await open();
    },
  };
}

const session = (id: string) => new SuiteSession(centralDriver(fx.central, models, id), undefined, () => {});
const status = (connectorId: number, value: string) => ({ connectorId, errorCode: 'NoError', status: value });

test('trigger.status: a charger that answers Accepted and sends nothing fails, although its own status change lands right after the trigger', async () => {
  let triggers = 0;
  const cp = await scripted('RACE-S1', (action) => {
    if (action !== 'TriggerMessage') return { status: 'Accepted' };
    // The first time, the car is plugged in at that very moment: its own change, not an answer.
    if (triggers++ === 0) setTimeout(() => cp.send('StatusNotification', status(1, 'Preparing')), 100);
    return { status: 'Accepted' };
  });
  const finding = await triggerStatus(session('RACE-S1'), timing);
  assert.equal(finding.verdict, 'fail', finding.reason);
  assert.match(
    finding.reason,
    /no StatusNotification for connector 1 followed .*its own change Available → Preparing landed in the window of try 1 and was not counted/,
  );
  assert.equal(triggers, 2, 'triggered again after the coincidence');
});

test('trigger.status: a charger that answers the trigger passes, also when its own change raced the first try', async () => {
  let triggers = 0;
  const cp = await scripted('RACE-S2', (action, payload) => {
    if (action !== 'TriggerMessage') return { status: 'Accepted' };
    const connectorId = payload.connectorId as number;
    const current = triggers++ === 0 ? 'Preparing' : models.builder('RACE-S2').model.connectors.find((c) => c.id === connectorId)!.status!;
    setTimeout(() => cp.send('StatusNotification', status(connectorId, current)), 50);
    return { status: 'Accepted' };
  });
  const finding = await triggerStatus(session('RACE-S2'), timing);
  assert.equal(finding.verdict, 'pass', finding.reason);
  assert.match(finding.reason, /connector 1 re-reported Preparing \(after 1 try disturbed by its own status changes\)/);
});

test('trigger.status waits for a charger that is still changing status before it asks', async () => {
  const asked: number[] = [];
  const cp = await scripted('RACE-S3', (action, payload) => {
    if (action === 'TriggerMessage') {
      asked.push(Date.now());
      setTimeout(() => cp.send('StatusNotification', status(payload.connectorId as number, 'Available')), 50);
    }
    return { status: 'Accepted' };
  });
  const changedAt = Date.now();
  cp.send('StatusNotification', status(1, 'Available'));
  const finding = await triggerStatus(session('RACE-S3'), { ...timing, settleMs: 800 });
  assert.equal(finding.verdict, 'pass', finding.reason);
  assert.ok(asked[0]! - changedAt >= 700, `asked ${asked[0]! - changedAt} ms after the last change`);
});

test("trigger.boot: a reconnect's BootNotification right after the trigger is not the answer", async () => {
  let triggers = 0;
  const cp = await scripted('RACE-B1', (action) => {
    if (action === 'TriggerMessage' && triggers++ === 0) setTimeout(() => void cp.reconnect(), 100);
    return { status: 'Accepted' };
  });
  const finding = await triggerBoot(session('RACE-B1'), timing);
  assert.equal(finding.verdict, 'fail', finding.reason);
  assert.match(finding.reason, /no BootNotification followed .*a BootNotification came after a reconnect in try 1/);
});

test('trigger.boot: a BootNotification on the same connection passes', async () => {
  const cp = await scripted('RACE-B2', (action) => {
    if (action === 'TriggerMessage') setTimeout(() => cp.send('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Race' }), 50);
    return { status: 'Accepted' };
  });
  const finding = await triggerBoot(session('RACE-B2'), timing);
  assert.equal(finding.verdict, 'pass', finding.reason);
});

test('config: a read-back that omits the key does not pass on the value read before the change', async () => {
  let reads = 0;
  await scripted('RACE-C1', (action) => {
    // The first full read reports 60 already; the read-back after the change forgets the key.
    if (action === 'GetConfiguration')
      return reads++ === 0 ? { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }] } : { configurationKey: [] };
    return { status: 'Accepted' };
  });

  const s = session('RACE-C1');
  await s.call('GetConfiguration', {});
  const { finding } = await setSampleInterval(s);
  assert.equal(finding.verdict, 'fail', finding.reason);
  assert.match(finding.reason, /GetConfiguration does not report it/);
});
