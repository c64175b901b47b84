/**
 * The host contract as a client over a WebSocket: what the browser UI and tools use. Works with the
 * browser's WebSocket or the ws package's (same interface). Browser-safe: the renderer bundles it,
 * so it imports only types and host-error.ts.
 */
import type { CommandArgs, CommandName, CommandResults, HostApi, HostEvent } from './contract.ts';
import { HostError, saidOf } from './host-error.ts';

/** An error as it came over the wire: its message (checked: it comes from a socket) where it has one. */
function hostErrorOf(error: { readonly code: string; readonly message: string; readonly said?: unknown }): HostError {
  const said = saidOf(error);
  return new HostError(error.code as HostError['code'], said ?? String(error.message));
}
import type { ServerMessage } from './wire.ts';

interface MinimalSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'open', listener: () => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

export interface HostClient extends HostApi {
  close(): void;
}

export function connectHostClient(socket: MinimalSocket): Promise<HostClient> {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(events: readonly HostEvent[]) => void>();
  let nextId = 1;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    if (message.t === 'events') {
      for (const listener of listeners) listener(message.events as readonly HostEvent[]);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(hostErrorOf(message.error));
  });
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) waiting.reject(new HostError('disconnected', 'the connection to the host closed'));
    pending.clear();
  });
  const client: HostClient = {
    invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResults[K]> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ t: 'invoke', id, name, args }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    if (socket.readyState === 1) return resolve(client);
    socket.addEventListener('open', () => resolve(client));
    socket.addEventListener('error', () => reject(new HostError('disconnected', 'could not connect to the host')));
  });
}
