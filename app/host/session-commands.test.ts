/**
 * Sessions through the host, as the UI uses them: the library lists what was recorded, an export
 * opens on another machine (another core) read-only with the same model, a replay plays it again,
 * and a foreign file is refused without touching the library.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from './core.ts';
import type { HostEvent } from './contract.ts';
import { chargerCall, closeClient, connectCharger, tempDir, until } from '../testing/central-fixture.ts';

let site: Core;
let support: Core;
const dirs: string[] = [];
const supportEvents: HostEvent[] = [];

/** The support machine's data folder. */
const supportDir = () => dirs[1]!;

async function core(): Promise<Core> {
  const dataDir = tempDir('fieldkit-sessions-');
  dirs.push(dataDir);
  return createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
}

before(async () => {
  site = await core();
  const { wsPort } = await site.central.start();
  const ws = await connectCharger(`ws://127.0.0.1:${wsPort}/ocpp`, 'SITE1', { password: 'x' });
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  await chargerCall(ws, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  for (let i = 0; i < 4; i++) {
    await chargerCall(ws, 'MeterValues', {
      connectorId: 1,
      meterValue: [
        { timestamp: new Date(Date.now() - (4 - i) * 1000).toISOString(), sampledValue: [{ value: '7000', measurand: 'Power.Active.Import', unit: 'W' }] },
      ],
    });
  }
  await closeClient(ws);
  support = await core();
  support.host.subscribe((batch) => supportEvents.push(...batch));
});

after(async () => {
  await site.close();
  await support.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('the library lists the session; a session of this run cannot be deleted', async () => {
  const { sessions, usage } = await site.host.invoke('sessions.list', {});
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0]!.chargerId, 'SITE1');
  assert.equal(sessions[0]!.vendor, 'Acme');
  assert.equal(sessions[0]!.frames, 12);
  assert.equal(usage.sessions, 1);
  await assert.rejects(site.host.invoke('sessions.delete', { sessionId: sessions[0]!.id }), /being recorded now/);
  assert.deepEqual((await site.host.invoke('sessions.list', { text: 'nobody' })).sessions, []);
});

test('an exported bundle opens on another machine read-only with the same model, and replays', async () => {
  const [session] = (await site.host.invoke('sessions.list', {})).sessions;
  const preview = await site.host.invoke('sessions.redactions', { sessionId: session!.id, hideIdTags: true });
  assert.deepEqual(
    preview.redactions.map((r) => r.kind),
    ['authorization-key', 'basic-auth', 'id-tag'],
  );
  const exported = await site.host.invoke('sessions.export', { sessionId: session!.id, hideIdTags: true });
  assert.match(exported.fileName, /\.fieldkit$/);
  const before = (await support.host.invoke('sessions.list', {})).sessions;
  const opened = await support.host.invoke('bundle.open', { name: exported.fileName, contentBase64: exported.contentBase64 });
  assert.match(opened.chargerId, /^SITE1@/);
  const listed = (await support.host.invoke('chargers.list', {})).find((c) => c.id === opened.chargerId)!;
  assert.equal(listed.recorded, exported.fileName);
  const siteView = (await site.host.invoke('charger.view', { chargerId: 'SITE1' })).view;
  const shown = await support.host.invoke('charger.view', { chargerId: opened.chargerId });
  assert.equal(shown.view.identity?.vendor, 'Acme');
  assert.equal(shown.samples.length, 4);
  assert.deepEqual(
    shown.view.connectors.map((c) => c.status),
    siteView.connectors.map((c) => c.status),
  );
  const records = await support.host.invoke('session.records', { chargerId: opened.chargerId });
  assert.equal(records.records.filter((r) => r.t === 'frame').length, 12);
  const call = support.host.invoke('charger.call', { chargerId: opened.chargerId, action: 'TriggerMessage', payload: { requestedMessage: 'Heartbeat' } });
  await assert.rejects(call, /recorded session, shown read-only/);
  assert.deepEqual((await support.host.invoke('sessions.list', {})).sessions, before, 'opening a bundle adds nothing to the library');

  const replay = await support.host.invoke('replay.start', { chargerId: opened.chargerId, speed: 100 });
  await until(
    () => supportEvents.some((e) => e.name === 'replay.state' && e.data.replayId === replay.replayId && e.data.finished),
    'the replay to finish',
    15_000,
  );
  const replayed = await support.host.invoke('charger.view', { chargerId: replay.replayId });
  assert.equal(replayed.samples.length, 4, 'the replay rebuilt the same series');
  assert.equal(replayed.view.identity?.model, 'W1');
});

test('CSV and HAR exports, and a foreign file refused with the reason', async () => {
  const [session] = (await site.host.invoke('sessions.list', {})).sessions;
  const csv = await site.host.invoke('sessions.exportFile', { sessionId: session!.id, kind: 'meter-csv' });
  assert.equal(csv.content.trimEnd().split('\r\n').length, 5);
  const har = await site.host.invoke('sessions.exportFile', { sessionId: session!.id, kind: 'har' });
  assert.equal(JSON.parse(har.content).log.entries.length, 6);
  await assert.rejects(
    support.host.invoke('bundle.open', { name: 'photo.fieldkit', contentBase64: Buffer.from('GIF89a not a zip').toString('base64') }),
    /photo\.fieldkit is not a complete zip file/,
  );
});

test('at most three recordings are shown: a fourth closes the oldest and says so; closing lets the model and the unpacked recording go', async () => {
  const [session] = (await site.host.invoke('sessions.list', {})).sessions;
  const exported = await site.host.invoke('sessions.export', { sessionId: session!.id, hideIdTags: false });
  const shown = (await support.host.invoke('chargers.list', {})).filter((c) => c.recorded).map((c) => c.id);
  for (const id of shown) await support.host.invoke('sessions.close', { chargerId: id });
  const mark = supportEvents.length;
  const spool = join(supportDir(), 'cache', 'opened');
  const opened: string[] = [];
  for (let i = 0; i < 4; i++)
    opened.push((await support.host.invoke('bundle.open', { name: `b${i}.fieldkit`, contentBase64: exported.contentBase64 })).chargerId);
  const closedNow = () =>
    supportEvents.slice(mark).find((e) => e.name === 'recorded.closed' && e.data.chargerId === opened[0] && e.data.reason !== 'closed by the user') as
      { data: { reason: string } } | undefined;
  const closed = await until(closedNow, 'the oldest closed', 5_000);
  assert.match(closed.data.reason, /3 recorded sessions are shown at most: the oldest, .* was closed to open another/);
  const listed = (await support.host.invoke('chargers.list', {})).filter((c) => c.recorded).map((c) => c.id);
  assert.deepEqual(listed.sort(), opened.slice(1).sort());
  assert.ok(!support.models.ids().includes(opened[0]!), 'its model is let go');
  await support.host.invoke('session.records', { chargerId: opened[3]! });
  await until(() => readdirSync(spool).length === 3, 'one unpacked recording per bundle shown', 5_000);
  assert.deepEqual(await support.host.invoke('sessions.close', { chargerId: opened[3]! }), { closed: true });
  await until(() => readdirSync(spool).length === 2, 'its unpacked recording removed', 5_000);
  await assert.rejects(support.host.invoke('session.records', { chargerId: opened[3]! }), /no session for charger|not a recorded session/);
});
