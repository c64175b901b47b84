/**
 * Serves the host contract over a WebSocket at /api on an HTTP server. Only a client that names the
 * host directly, comes from the same origin (or sends none) and presents this run's token may connect
 * (access.ts), so neither a web page open in the user's browser, rebound or not, nor another program
 * that did not see the printed address can drive the central system. Garbage in gets an error reply,
 * never a crash.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiRefusal } from './access.ts';
import { HostError, MAX_FILE_BASE64, type HostApi } from './contract.ts';
import { saidOf } from './host-error.ts';
import { API_PATH, invokeMessage, type ServerMessage } from './wire.ts';

/** Beyond this many unsent bytes a client is too slow to keep up with the event stream: it is closed. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export function serveHostOverWebSocket(server: Server, host: HostApi, token: string): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FILE_BASE64 + 1024 * 1024 }); // room for a firmware image (firmware.offer)
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== API_PATH) {
      // Not ours: another upgrade handler may take it; with none, the socket would hang open.
      if (server.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    const refusal = apiRefusal(req, token);
    if (refusal !== null) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(refusal)}\r\n\r\n${refusal}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, host));
  };
  server.on('upgrade', onUpgrade);
  return {
    close: () => {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function attach(ws: WebSocket, host: HostApi): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'client too slow for the event stream');
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = host.subscribe((events) => send({ t: 'events', events }));
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', async (data) => {
    let id = -1;
    try {
      const message = invokeMessage.safeParse(JSON.parse(data.toString()));
      if (!message.success)
        throw new HostError('invalid-args', `not an invoke message: ${message.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      id = message.data.id;
      const value = await host.invoke(message.data.name as never, message.data.args as never);
      send({ t: 'result', id, ok: true, value });
    } catch (err) {
      const code = err instanceof HostError ? err.code : 'failed';
      const said = saidOf(err);
      send({ t: 'result', id, ok: false, error: { code, message: (err as Error).message, ...(said ? { said } : {}) } });
    }
  });
}
