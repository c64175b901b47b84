/**
 * Bench child: a platform as bare as can be, over WSS with a certificate from a test CA: it parses
 * each frame and answers it at once. Both the direct and the relayed load talk to this one.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { WebSocketServer } from 'ws';
import { tempDir } from '../../app/testing/central-fixture.ts';
import { makeTestPki } from '../../app/testing/platform-fixture.ts';
import { reportOverIpc } from './ipc.ts';

const dir = tempDir('fieldkit-bench-platform-');
const pki = await makeTestPki(dir);
const server = createServer({ cert: pki.serverCert, key: pki.serverKey, minVersion: 'TLSv1.2' });
const wss = new WebSocketServer({ server, handleProtocols: () => 'ocpp1.6' });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const [, id, action] = JSON.parse(data.toString()) as [number, string, string];
    ws.send(JSON.stringify([3, id, action === 'BootNotification' ? { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 } : {}]));
  });
});
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
reportOverIpc(
  (server.address() as AddressInfo).port,
  async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  },
  { caFile: pki.caFile, ca: pki.caCert },
);
