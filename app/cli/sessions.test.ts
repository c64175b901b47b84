import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { tempDir, until } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN, apiUrlOf } from '../testing/serve-child.ts';
import { sessionOpener } from '../store/session-store.ts';
import { recordsOf } from '../testing/recorded.ts';
import { readBundle } from '../sessions/bundle.ts';
import { connectHostClient } from '../host/ws-client.ts';

const KEY = 'CLI-SEEDED-KEY-42';
let dir: string;
let sessionId: string;

before(() => {
  dir = tempDir('fieldkit-sessions-cli-');
  const session = sessionOpener({ dataDir: dir }, 'central')('CLI1');
  session.appendFrame('CLI1', 'charger', {
    dir: 'rx',
    raw: '[2,"b","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]',
    type: 2,
    id: 'b',
    action: 'BootNotification',
    issues: [],
  });
  session.appendFrame('CLI1', 'charger', {
    dir: 'tx',
    raw: `[2,"c","ChangeConfiguration",{"key":"AuthorizationKey","value":"${KEY}"}]`,
    type: 2,
    id: 'c',
    action: 'ChangeConfiguration',
    issues: [],
  });
  session.appendFrame('CLI1', 'charger', { dir: 'rx', raw: '[3,"c",{"status":"Accepted"}]', type: 3, id: 'c', action: 'ChangeConfiguration', issues: [] });
  session.close();
  sessionId = session.id;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [FIELDKIT_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });

test('fieldkit sessions lists id, charger, span, frames, verdict; export writes a redacted bundle', async () => {
  const list = run(['sessions', '--data', dir]);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${sessionId}  CLI1 \\(Acme W1\\)  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d → [\\d:]+  3 frames  -  \\d+ kB  central$`, 'm'));
  assert.match(list.stdout, /1 sessions, \d+ kB in /);
  assert.match(run(['sessions', '--data', dir, '--search', 'volta']).stdout, /no sessions in .* match/);
  const out = join(dir, 'support.fieldkit');
  const exported = run(['export', sessionId, '--out', out, '--data', dir, '--hide-id-tags']);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /Redacted: 1 × AuthorizationKey values/);
  const bundleRecords = await recordsOf(await readBundle(readFileSync(out)));
  assert.equal(bundleRecords.length, 3);
  assert.ok(!JSON.stringify(bundleRecords).includes(KEY));
  const missing = run(['export', 'nope', '--out', out, '--data', dir]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no session nope/);
});

test('fieldkit open serves a bundle read-only; a damaged one is refused with the reason', async () => {
  const file = join(dir, 'open.fieldkit');
  assert.equal(run(['export', sessionId, '--out', file, '--data', dir]).status, 0);
  const child = spawn(process.execPath, [FIELDKIT_BIN, 'open', file, '--ui-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  try {
    await until(() => /UI: (\S+)/.test(out), 'the UI address', 20_000);
    assert.match(out, /Session \S+ of CLI1 \(central\), .* 3 frames; exported by [\d.]+/);
    const url = /UI: (\S+)/.exec(out)![1]!;
    const client = await connectHostClient(new WebSocket(apiUrlOf(url)));
    const chargers = await client.invoke('chargers.list', {});
    assert.deepEqual(
      chargers.map((c) => [c.id.replace(/@.*/, '@…'), c.recorded]),
      [['CLI1@…', file]],
    );
    const { records } = await client.invoke('session.records', { chargerId: chargers[0]!.id });
    assert.equal(records.length, 3);
    client.close();
    child.kill('SIGINT');
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0);
  } finally {
    child.kill('SIGKILL');
  }
  const damaged = join(dir, 'damaged.fieldkit');
  writeFileSync(damaged, readFileSync(file).subarray(0, 300));
  const refused = run(['open', damaged]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /damaged\.fieldkit is not a complete zip file/);
});
