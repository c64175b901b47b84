/** Bench child: the floor to compare against — a bare ws server that parses JSON and replies. */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { reportOverIpc } from './ipc.ts';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp1.6' });
await new Promise((resolve) => wss.once('listening', resolve));
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const [, id] = JSON.parse(data.toString()) as [number, string];
    ws.send(JSON.stringify([3, id, {}]));
  });
});
reportOverIpc((wss.address() as AddressInfo).port, () => new Promise((resolve) => wss.close(() => resolve())));
