/**
 * Bench child: the peer to beat — ocpp-rpc's server in strictMode (every call and answer validated
 * against the OCPP 1.6 schemas), answering BootNotification and MeterValues, no recording.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';
import { reportOverIpc } from './ipc.ts';

const options = { protocols: ['ocpp1.6'], strictMode: true };
const server = new RPCServer(options as unknown as ConstructorParameters<typeof RPCServer>[0]);
server.auth((accept) => accept());
server.on('client', (client) => {
  client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
  client.handle('MeterValues', () => ({}));
});
const http = createServer();
http.on('upgrade', server.handleUpgrade);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
reportOverIpc((http.address() as AddressInfo).port, async () => {
  await server.close({ force: true });
  await new Promise<void>((resolve) => http.close(() => resolve()));
});
