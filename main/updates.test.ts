/**
 * The update policy against a real local HTTP update server with a fake latest.yml (newer, same,
 * older, malformed, unreachable), the "not while busy" rule, and the switch for managed laptops.
 * The feed is read here as electron-updater reads it (latest.yml, semver); in the app the port is
 * electron-updater itself (main/updater.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from 'js-yaml';
import semver from 'semver';
import { UpdatePolicy, updatesDisabledByEnvironment, type UpdaterPort } from './updates.ts';

let server: Server;
let base: string;
let feed = '';
let downloads = 0;

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/latest.yml') return void res.writeHead(200, { 'Content-Type': 'text/yaml' }).end(feed);
    if (req.url?.startsWith('/OCPP-Field-Kit-Setup')) return void (downloads++, res.writeHead(200).end(Buffer.alloc(1024)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const latest = (version: string) =>
  `version: ${version}\nfiles:\n  - url: OCPP-Field-Kit-Setup-${version}.exe\n    sha512: abc\n    size: 1024\npath: OCPP-Field-Kit-Setup-${version}.exe\nreleaseDate: '2026-11-30T10:00:00.000Z'\n`;

/** latest.yml read over HTTP as electron-updater does: a newer semver version is an update. */
function feedUpdater(url: string, current: string, installed: string[] = []): UpdaterPort {
  let found: { version: string; path: string } | null = null;
  return {
    async check() {
      const res = await fetch(`${url}/latest.yml`);
      if (!res.ok) throw new Error(`HTTP ${res.status} for latest.yml`);
      const info = load(await res.text()) as { version?: unknown; path?: unknown } | null;
      if (!info || typeof info.version !== 'string' || !semver.valid(info.version) || typeof info.path !== 'string')
        throw new Error('latest.yml has no valid version and path');
      found = semver.gt(info.version, current) ? { version: info.version, path: info.path } : null;
      return found;
    },
    async download() {
      const res = await fetch(`${url}/${found!.path}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
    },
    installAndRestart: () => void installed.push(found!.version),
  };
}

function policy(overrides: { url?: string; busy?: () => string | null; enabled?: boolean; answer?: boolean; installed?: string[]; asked?: string[] } = {}) {
  const installed = overrides.installed ?? [];
  return new UpdatePolicy({
    updater: feedUpdater(overrides.url ?? base, '1.2.0', installed),
    currentVersion: '1.2.0',
    busy: overrides.busy ?? (() => null),
    enabled: () => overrides.enabled ?? true,
    askToRestart: async (version) => (overrides.asked?.push(version), overrides.answer ?? true),
  });
}

test('a newer version is downloaded in the background, and installed only after the user says yes', async () => {
  feed = latest('1.3.0');
  const installed: string[] = [];
  const asked: string[] = [];
  const before = downloads;
  const p = policy({ installed, asked });
  await p.checkNow();
  p.stop();
  assert.equal(downloads, before + 1);
  assert.deepEqual(asked, ['1.3.0']);
  assert.deepEqual(installed, ['1.3.0']);
  const no = policy({ answer: false, installed: [] });
  const state = await no.checkNow();
  no.stop();
  assert.equal(state.phase, 'ready');
  assert.equal(state.availableVersion, '1.3.0');
});

test('the same or an older version: up to date, nothing downloaded', async () => {
  for (const version of ['1.2.0', '1.1.9']) {
    feed = latest(version);
    const before = downloads;
    const p = policy();
    const state = await p.checkNow();
    p.stop();
    assert.equal(state.phase, 'up-to-date', version);
    assert.equal(downloads, before);
  }
});

test('a malformed feed is an error in the state, not a crash; an unreachable one is "offline", quietly', async () => {
  feed = 'version: [not, a, version\n';
  const broken = policy();
  const state = await broken.checkNow();
  broken.stop();
  assert.equal(state.phase, 'error');
  assert.match(state.message!, /the update feed cannot be read/);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const offline = policy({ url: `http://127.0.0.1:${port}` });
  const away = await offline.checkNow();
  offline.stop();
  assert.equal(away.phase, 'offline', away.message ?? '');
});

test('never while busy: a readiness run or a transfer defers the check, the download and the restart', async () => {
  feed = latest('1.3.0');
  const before = downloads;
  let busy: string | null = 'a readiness run of CP1 is in progress';
  const installed: string[] = [];
  const p = policy({ busy: () => busy, installed });
  const deferred = await p.checkNow();
  assert.equal(deferred.phase, 'deferred');
  assert.match(deferred.message!, /readiness run of CP1/);
  assert.equal(downloads, before, 'nothing downloaded while busy');
  // Busy again by the time the user answers: the restart waits.
  let calls = 0;
  busy = null;
  const q = new UpdatePolicy({
    updater: feedUpdater(base, '1.2.0', installed),
    currentVersion: '1.2.0',
    busy: () => (calls++ >= 2 ? 'a firmware transfer to CP2 is in progress' : null),
    enabled: () => true,
    askToRestart: async () => true,
  });
  const put = await q.checkNow();
  p.stop();
  q.stop();
  assert.equal(put.phase, 'ready');
  assert.match(put.message!, /restart put off: a firmware transfer/);
  assert.deepEqual(installed, []);
});

test('off by the setting or FIELDKIT_NO_UPDATES: nothing is fetched', async () => {
  feed = latest('9.9.9');
  const before = downloads;
  const p = policy({ enabled: false });
  const state = await p.checkNow();
  p.stop();
  assert.equal(state.phase, 'off');
  assert.equal(downloads, before);
  assert.equal(updatesDisabledByEnvironment({ FIELDKIT_NO_UPDATES: '1' }), true);
  assert.equal(updatesDisabledByEnvironment({}), false);
});
