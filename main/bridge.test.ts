/**
 * The Electron boundary without Electron: the preload's API and the main process's handler wired
 * through an in-process channel with ipcRenderer's shape (structured-clone copies, like IPC), over
 * the real host. Garbage from the page gets an error with a reason; the host keeps working.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from '../app/host/core.ts';
import { HostError, type HostApi, type HostEvent } from '../app/host/contract.ts';
import { tempDir, until } from '../app/testing/central-fixture.ts';
import { EVENT_TICK_MS } from '../app/host/event-batches.ts';
import { render } from '../app/lib/message.ts';
import { MESSAGES_TH } from '../app/lib/messages-th.ts';
import { APP_ORIGIN, createBridgeApi, handleInvoke, type Envelope, type RendererIpc } from './bridge.ts';

let core: Core;
let dataDir: string;
let api: HostApi;
const reachedMain: unknown[] = [];

/** ipcRenderer's shape over the main side's handler; values are copied as IPC copies them. */
function channel(host: HostApi, senderUrl: string): RendererIpc {
  const listeners = new Set<(event: unknown, data: readonly HostEvent[]) => void>();
  return {
    async invoke(_channel, name, args) {
      reachedMain.push(name);
      return structuredClone(await handleInvoke(host, senderUrl, structuredClone(name), structuredClone(args))) as Envelope;
    },
    send: () => void host.subscribe((e) => listeners.forEach((l) => l({}, structuredClone(e)))),
    on: (_c, l) => void listeners.add(l),
    removeListener: (_c, l) => void listeners.delete(l),
  };
}

before(async () => {
  dataDir = tempDir();
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  await core.central.start();
  api = createBridgeApi(channel(core.host, `${APP_ORIGIN}/index.html`));
});

after(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a valid command crosses the bridge and returns the host value', async () => {
  const state = await api.invoke('central.state', {});
  assert.equal(state.running, true);
  const info = await api.invoke('app.info', {});
  assert.equal(info.platformPreset.length, 2);
});

test("an error the host said as a message keeps it across the bridge, as a value through contextBridge's side (call)", async () => {
  const bridge = createBridgeApi(channel(core.host, `${APP_ORIGIN}/index.html`));
  const envelope = await bridge.call('readiness.report', { chargerId: 'NEVER-RAN', format: 'json' });
  assert.equal(envelope.ok, false);
  if (envelope.ok) return;
  assert.equal(envelope.error.code, 'failed');
  assert.equal(envelope.error.message, 'no readiness report for NEVER-RAN yet: run the suite first');
  assert.equal(render(envelope.error.said!, MESSAGES_TH), 'ยังไม่มีรายงานความพร้อมของ NEVER-RAN: ให้รันชุดตรวจก่อน');
  await assert.rejects(
    bridge.invoke('readiness.report', { chargerId: 'NEVER-RAN', format: 'json' }),
    (err: HostError) => err.said?.template === envelope.error.said?.template,
  );
});

test('bad input from the page is refused in the preload with the reason, before it reaches the main process', async () => {
  const before = reachedMain.length;
  const bad: [string, unknown, RegExp][] = [
    ['fs.readFile', { path: '/etc/passwd' }, /unknown command fs\.readFile/],
    ['charger.call', { chargerId: '', action: 'Reset', payload: {} }, /chargerId/],
    ['charger.call', { chargerId: 'CP1', action: 'Reset', payload: 'not an object' }, /payload/],
    ['charger.call', { chargerId: 'CP1', action: 'Reset', payload: {}, extra: true }, /extra|unrecognized/i],
    ['central.setPassword', { chargerId: 'CP1', password: 42 }, /password/],
    ['readiness.report', { chargerId: 'CP1', format: 'exe' }, /format/],
    ['firmware.offer', { chargerId: 'CP1', name: '../../evil', contentBase64: 'AA==' }, /name/],
    ['charger.model', null, /chargerId/],
  ];
  for (const [name, args, reason] of bad) {
    await assert.rejects(
      api.invoke(name as never, args as never),
      (e: HostError) => e instanceof HostError && reason.test(e.message),
      `${name} ${JSON.stringify(args)}`,
    );
  }
  assert.equal(reachedMain.length, before, 'nothing invalid was sent over IPC');
  assert.equal((await api.invoke('central.state', {})).running, true, 'the host still answers');
});

test('the main process validates again: a page that skips the preload gets errors as values, never a crash', async () => {
  const garbage: [unknown, unknown][] = [
    [undefined, undefined],
    [42, {}],
    ['charger.call', { chargerId: 'x'.repeat(10_000), action: 'Reset', payload: {} }],
    ['__proto__', {}],
    ['central.state', { sneaky: 1 }],
    ['toString', {}],
  ];
  for (const [name, args] of garbage) {
    const envelope = await handleInvoke(core.host, `${APP_ORIGIN}/index.html`, name, args);
    assert.equal(envelope.ok, false, `${String(name)} refused`);
    if (!envelope.ok) assert.match(envelope.error.code, /^(invalid-args|unknown-command)$/);
  }
  const foreign = await handleInvoke(core.host, 'https://evil.example/', 'central.stop', {});
  assert.equal(foreign.ok, false, 'a page from elsewhere cannot drive the host');
  assert.equal(core.central.state().running, true);
});

test('a failure in the host keeps its code across the bridge', async () => {
  await assert.rejects(
    api.invoke('readiness.report', { chargerId: 'NOPE', format: 'json' }),
    (e: HostError) => e.code === 'failed' && /run the suite first/.test(e.message),
  );
});

test('events reach a subscriber through the bridge, and unsubscribe stops them', async () => {
  const seen: HostEvent[] = [];
  const off = api.subscribe((batch) => seen.push(...batch));
  await api.invoke('central.stop', {});
  await api.invoke('central.start', {});
  await until(() => seen.some((e) => e.name === 'central.state'), 'central.state events arrive');
  off();
  const count = seen.length;
  await api.invoke('central.stop', {});
  await api.invoke('central.start', {});
  await new Promise((resolve) => setTimeout(resolve, 3 * EVENT_TICK_MS));
  assert.equal(seen.length, count, 'no events after unsubscribe, however many ticks pass');
});
