/**
 * The host API against a web page and a local program that should not drive it: DNS rebinding, other
 * origins, no token, a wrong token; malformed URLs on the same port. Real HTTP and WebSocket on loopback.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { connect } from 'node:net';
import WebSocket from 'ws';
import { createCore, type Core } from './core.ts';
import { startUiServer, type UiServer } from './http-server.ts';
import { connectHostClient } from './ws-client.ts';
import { isDirectHost } from './access.ts';
import { tempDir } from '../testing/central-fixture.ts';
import { rmSync, writeFileSync } from 'node:fs';

let core: Core;
let ui: UiServer;
let dir: string;
let port: number;

before(async () => {
  dir = tempDir('fieldkit-access-');
  writeFileSync(`${dir}/index.html`, '<!doctype html><title>ui</title>');
  core = await createCore({ dataDir: dir, host: '127.0.0.1', wsPort: null, wssPort: null, passwords: new Map(), acceptAny: false });
  ui = await startUiServer(core.host, { host: '127.0.0.1', port: 0, staticDir: dir });
  port = Number(new URL(ui.url).port);
});
after(async () => {
  await ui.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The status of an upgrade to /api with these headers and this query (101 = admitted). */
function upgradeStatus(query: string, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, { headers });
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', () => resolve(-1));
  });
}

function get(path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw request line: http.request would refuse to send a malformed path itself.
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), body: text.split('\r\n\r\n').slice(1).join('') }));
    socket.on('error', reject);
  });
}

test('with the token from the printed address a tool drives the host; the page address carries it only in the fragment', async () => {
  assert.match(ui.openUrl, /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  const client = await connectHostClient(new WebSocket(ui.apiUrl));
  assert.equal((await client.invoke('central.state', {})).running, false);
  client.close();
  assert.equal(await upgradeStatus('', { 'X-Fieldkit-Token': ui.token }), 101, 'the header works too');
  assert.equal(await upgradeStatus('', { Authorization: `Bearer ${ui.token}` }), 101);
  assert.equal(
    await upgradeStatus(`?token=${ui.token}`, { Host: `localhost:${port}`, Origin: `http://localhost:${port}` }),
    101,
    'the served page on localhost',
  );
});

test('no token, a wrong token, a rebound host name and a foreign origin are refused at the upgrade with 403', async () => {
  assert.equal(await upgradeStatus(''), 403, 'a local program without the token');
  assert.equal(await upgradeStatus('?token=guess'), 403);
  assert.equal(await upgradeStatus(`?token=${ui.token.slice(0, -1)}x`), 403);
  // DNS rebinding: evil.example now resolves to 127.0.0.1, so the page is "same origin" with it.
  assert.equal(await upgradeStatus(`?token=${ui.token}`, { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` }), 403);
  assert.equal(await upgradeStatus(`?token=${ui.token}`, { Origin: 'https://evil.example' }), 403);
  assert.equal(await upgradeStatus(`?token=${ui.token}`, { Origin: 'null' }), 403);
});

test('a rebound page cannot even load the UI; malformed URLs get 400 and the server keeps serving', async () => {
  assert.equal((await get('/', `evil.example:${port}`)).status, 403);
  for (const path of ['/%', '/%E0%A4%A', '/a%zz', '/%00', '/..%2f..%2fetc%2fpasswd']) {
    const { status } = await get(path);
    assert.ok(status === 400 || status === 403 || status === 200, `${path}: ${status}`);
    if (path === '/%') assert.equal(status, 400);
    if (path.includes('passwd')) assert.notEqual((await get(path)).body.includes('root:'), true);
  }
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.body, /<title>ui<\/title>/);
});

test('a request line that never ends is dropped, not held', async () => {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n' + 'X-Pad: ' + 'a'.repeat(20_000) + '\r\n\r\n');
  const text = await new Promise<string>((resolve) => {
    let got = '';
    socket.on('data', (d) => (got += d));
    socket.on('close', () => resolve(got));
  });
  assert.match(text, /^HTTP\/1\.1 (400|431)/, 'headers over the limit are answered and closed');
});

test('Host values: IP literals and localhost only', () => {
  for (const ok of ['127.0.0.1:8099', '[::1]:8099', 'localhost:8099', 'LOCALHOST', '192.168.1.20:8099', '127.0.0.1']) assert.ok(isDirectHost(ok), ok);
  for (const bad of [undefined, '', 'evil.example:8099', 'localhost.evil.example', '127.0.0.1.nip.io:8099', '[::1', 'a:b:c'])
    assert.ok(!isDirectHost(bad), String(bad));
});

test('2 500 fuzzed messages to the host API each get an error reply or a result, and the host keeps serving', async () => {
  const fc = (await import('fast-check')).default;
  const names = ['central.state', 'charger.call', 'relay.setTarget', 'serial.open', 'sessions.delete', 'bundle.open', 'firmware.offer', 'no.such'];
  const messages = fc.sample(
    fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          t: fc.constantFrom('invoke', 'result', 'x'),
          id: fc.oneof(fc.nat(), fc.string(), fc.double()),
          name: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 })),
          args: fc.anything({ maxDepth: 3 }),
        })
        .map((m) => JSON.stringify(m)),
    ),
    { seed: 7, numRuns: 2_500 },
  );
  const raw = new WebSocket(ui.apiUrl);
  await new Promise((r) => raw.once('open', r));
  let replies = 0;
  raw.on('message', (d) => {
    if (JSON.parse(d.toString()).t === 'result') replies++;
  });
  for (const m of messages) raw.send(m);
  raw.send(JSON.stringify({ t: 'invoke', id: 999_999, name: 'central.state', args: {} }));
  await new Promise<void>((resolve) => {
    const check = setInterval(() => replies >= messages.length + 1 && (clearInterval(check), resolve()), 20);
  });
  raw.close();
  assert.equal(replies, messages.length + 1, 'one reply a message');
  const client = await connectHostClient(new WebSocket(ui.apiUrl));
  assert.equal((await client.invoke('central.state', {})).running, false);
  client.close();
});
