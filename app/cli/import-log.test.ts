import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSession } from '../store/reader.ts';
import { foldRecords } from '../charger/fold.ts';
import { tempDir } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN } from '../testing/serve-child.ts';

const LOG = [
  '2024-05-01T10:00:00.000Z boot: Acme W1 fw 1.42',
  '2024-05-01T10:00:00.100Z ocpp TX: [2,"1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]',
  '2024-05-01T10:00:00.300Z ocpp RX: [3,"1",{"status":"Accepted","currentTime":"2024-05-01T10:00:00Z","interval":300}]',
  '2024-05-01T10:00:01.000Z ocpp TX: [2,"2","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Charging"}]',
  '2024-05-01T10:00:01.100Z ocpp RX: [3,"2",{}]',
  '2024-05-01T10:01:00.000Z ocpp TX: [2,"3","MeterValues",{"connectorId":1,"transactionId":5,"meterValue":[{"timestamp":"2024-05-01T10:01:00Z","sampledValue":[{"value":"7200","measurand":"Power.Active.Import","unit":"W"}]}]}]',
  '2024-05-01T10:01:00.100Z ocpp RX: [3,"3",{}]',
  '2024-05-01T10:01:05.000Z ocpp TX: [2,"4","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T10:01:05Z","sampledValue":[{"value":"72...',
].join('\n');

test('fieldkit import-log turns a saved console log into a session: frames lifted and timed as printed, the model rebuilt from them', () => {
  const dir = tempDir('fieldkit-import-');
  try {
    const file = join(dir, 'site-visit.log');
    writeFileSync(file, LOG);
    const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'import-log', file, '--data', dir], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /as session \S+ \(charger site-visit\): 6 OCPP frames lifted from 8 lines; 1 could not be lifted/);
    const [sessionFile] = readdirSync(join(dir, 'sessions'));
    const session = readSession(join(dir, 'sessions', sessionFile!));
    assert.equal(session.header.source, 'import');
    const frames = session.records.filter((r) => r.t === 'frame');
    assert.equal(frames.length, 6);
    assert.equal(frames[0]!.at, '2024-05-01T10:00:00.100Z', 'recorded at the printed time');
    const model = foldRecords('site-visit', session.records);
    assert.equal(model.identity?.vendor, 'Acme');
    assert.equal(model.connectors.find((c) => c.id === 1)?.timeline.at(-1)?.status, 'Charging');
    assert.equal(model.samples.at(-1)?.powerW, 7200);
    const bytes = session.records.flatMap((r) =>
      r.t === 'event' && r.event.kind === 'serial-rx' ? [Buffer.from((r.event as unknown as { base64: string }).base64, 'base64')] : [],
    );
    assert.equal(Buffer.concat(bytes).toString(), LOG, 'the file itself is in the session');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fieldkit import-log says what is wrong with a missing file', () => {
  const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'import-log', '/nonexistent/x.log'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot read \/nonexistent\/x\.log: ENOENT/);
});
