/** Test support: a real WebSocket connection over loopback, both ends in this process. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

export interface WsPair {
  readonly server: WebSocket;
  readonly client: WebSocket;
  close(): Promise<void>;
}

export async function wsPair(): Promise<WsPair> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, ['ocpp1.6']);
  await once(client, 'open');
  const [server] = await accepted;
  return {
    server,
    client,
    close: async () => {
      client.terminate();
      server.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Collects the text messages a socket receives. */
export function inbox(ws: WebSocket): { messages: unknown[][]; next(): Promise<unknown[]> } {
  const messages: unknown[][] = [];
  const waiters: ((m: unknown[]) => void)[] = [];
  let read = 0;
  ws.on('message', (data) => {
    const message = (() => {
      try {
        return JSON.parse(data.toString()) as unknown[];
      } catch {
        return [data.toString()];
      }
    })();
    messages.push(message);
    const waiter = waiters.shift();
    if (waiter) {
      read++;
      waiter(message);
    }
  });
  return {
    messages,
    next: () => (read < messages.length ? Promise.resolve(messages[read++]!) : new Promise((resolve) => waiters.push(resolve))),
  };
}
