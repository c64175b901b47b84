/** Ports chosen in the UI: the central system restarts on them and the desktop app remembers them; a damaged settings file falls back to the defaults with the reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from './core.ts';
import { DEFAULT_SETTINGS, loadSettings } from './settings.ts';
import { tempDir } from '../testing/central-fixture.ts';
import { sessionOpener } from '../store/session-store.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('central.start on other ports listens there and remembers them; a port in use says so', async () => {
  const dataDir = tempDir();
  const settingsFile = join(dataDir, 'settings.json');
  const core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true, settingsFile });
  const blocker = createServer();
  try {
    await core.host.invoke('central.start', {});
    assert.deepEqual(loadSettings(settingsFile).settings, DEFAULT_SETTINGS, 'a start without ports changes no setting');
    const wanted = await freePort();
    await core.host.invoke('central.stop', {});
    const state = await core.host.invoke('central.start', { wsPort: wanted, wssPort: null });
    assert.equal(state.wsPort, wanted);
    assert.deepEqual(JSON.parse(readFileSync(settingsFile, 'utf8')), { wsPort: wanted, wssPort: null, retentionDays: null, updates: true, securityProfile: 2 });
    assert.ok(
      core.connectInfo().urls.every((u) => u.url.includes(`:${wanted}/`)),
      'the URLs follow the port',
    );
    await core.host.invoke('central.stop', {});
    const busy = await freePort();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', resolve));
    await assert.rejects(core.host.invoke('central.start', { wsPort: busy }), /already in use/);
    assert.equal(core.central.state().running, false);
    assert.equal(JSON.parse(readFileSync(settingsFile, 'utf8')).wsPort, wanted, 'a failed start is not remembered');
  } finally {
    blocker.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a damaged settings file gives the default ports and says why', () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{ not json');
    const { settings, problem } = loadSettings(file);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.match(problem!, /could not be read/);
    writeFileSync(file, JSON.stringify({ wsPort: 'eighty', wssPort: 9443 }));
    assert.deepEqual(loadSettings(file).settings, { wsPort: 8180, wssPort: 9443, retentionDays: null, updates: true, securityProfile: 2 });
    // A security profile is 2 or 3; anything else (a hand edit) falls back to 2, never to "no authentication".
    writeFileSync(file, JSON.stringify({ securityProfile: 3 }));
    assert.equal(loadSettings(file).settings.securityProfile, 3);
    writeFileSync(file, JSON.stringify({ securityProfile: 0 }));
    assert.equal(loadSettings(file).settings.securityProfile, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the retention set in the UI is remembered beside the ports and deletes older sessions now and at the next start', async () => {
  const dataDir = tempDir();
  try {
    const settingsFile = join(dataDir, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify({ wsPort: 9180, wssPort: null, retentionDays: null }));
    const old = sessionOpener({ dataDir, clock: () => new Date(Date.now() - 40 * 86_400_000) }, 'central')('OLD');
    old.append({ t: 'event', charger: 'OLD', leg: 'charger', event: { kind: 'ping' } });
    old.close();
    const recent = sessionOpener({ dataDir, clock: () => new Date(Date.now() - 10 * 86_400_000) }, 'central')('RECENT');
    recent.append({ t: 'event', charger: 'RECENT', leg: 'charger', event: { kind: 'ping' } });
    recent.close();
    const core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true, settingsFile });
    try {
      const set = await core.host.invoke('sessions.setRetention', { days: 30 });
      assert.deepEqual(set.deleted, [old.id]);
      assert.deepEqual(loadSettings(settingsFile).settings, { wsPort: 9180, wssPort: null, retentionDays: 30, updates: true, securityProfile: 2 });
      assert.equal((await core.host.invoke('sessions.list', {})).retentionDays, 30);
    } finally {
      await core.close();
    }
    const later = await createCore({
      dataDir,
      host: '127.0.0.1',
      wsPort: 0,
      wssPort: null,
      passwords: new Map(),
      acceptAny: true,
      settingsFile,
      retentionDays: 5,
    });
    try {
      assert.deepEqual(
        (await later.host.invoke('sessions.list', {})).sessions.map((s) => s.chargerId),
        [],
        'a start prunes with the kept retention',
      );
    } finally {
      await later.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
