import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { UpstreamLeg, type UpstreamEvents } from './upstream.ts';
import { resolveTarget } from './target.ts';

async function listen(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

function firstDown(leg: UpstreamLeg): Promise<UpstreamEvents['down']> {
  return new Promise((resolve) => leg.on('down', resolve));
}

test('nothing listening: the reason says so, and the next attempt is scheduled', async () => {
  const { server, port } = await listen(() => {});
  await new Promise((resolve) => server.close(resolve)); // the port is now closed
  const leg = new UpstreamLeg({
    target: resolveTarget({ url: `ws://127.0.0.1:${port}/ocpp`, allowInsecure: true }, 'CP1', null),
    subprotocol: 'ocpp1.6',
    backoff: { initialMs: 5_000, maxMs: 5_000 },
  });
  const attempts: number[] = [];
  leg.on('connecting', ({ attempt }) => attempts.push(attempt));
  leg.start();
  const down = await firstDown(leg);
  leg.stop();
  assert.equal(down.failure.kind, 'network');
  assert.equal(down.failure.code, 'ECONNREFUSED');
  assert.match(down.failure.reason, /nothing listens at that address and port/);
  assert.ok(down.retryInMs >= 4_000 && down.retryInMs <= 6_000, 'backoff with jitter around the initial delay');
  assert.deepEqual(attempts, [1]);
});

test('a platform that accepts TCP and never answers the upgrade: a handshake timeout, in words', async () => {
  const { server, sockets } = await listen(() => {});
  const port = (server.address() as AddressInfo).port;
  const leg = new UpstreamLeg({
    target: resolveTarget({ url: `ws://127.0.0.1:${port}/ocpp`, allowInsecure: true }, 'CP1', null),
    subprotocol: 'ocpp1.6',
    handshakeTimeoutMs: 300,
    backoff: { initialMs: 5_000, maxMs: 5_000 },
  });
  leg.start();
  const down = await firstDown(leg);
  leg.stop();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
  assert.equal(down.failure.code, 'TIMEOUT');
  assert.match(down.failure.reason, /did not complete the WebSocket handshake in time/);
});

test('a platform that does not speak the subprotocol is refused with the reason', async () => {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
  await once(wss, 'listening');
  const port = (wss.address() as AddressInfo).port;
  const leg = new UpstreamLeg({
    target: resolveTarget({ url: `ws://127.0.0.1:${port}/ocpp`, allowInsecure: true }, 'CP1', null),
    subprotocol: 'ocpp1.6',
    backoff: { initialMs: 5_000, maxMs: 5_000 },
  });
  leg.start();
  const down = await firstDown(leg);
  leg.stop();
  for (const c of wss.clients) c.terminate();
  await new Promise((resolve) => wss.close(resolve));
  assert.equal(down.failure.kind, 'protocol');
  assert.match(down.failure.reason, /subprotocol/);
});
