/**
 * The IPC protocol between the preload and the main process, written once for both sides: one
 * channel for commands (answered with an envelope, so a HostError keeps its code across IPC) and
 * one for events. Both sides validate; the main process never trusts the renderer.
 */
import type { CommandArgs, CommandName, CommandResults, HostApi, HostEvent, InvokeEnvelope } from '../app/host/contract.ts';
import { HostError, isCommandName, parseCommandArgs } from '../app/host/contract.ts';
import { saidOf } from '../app/host/host-error.ts';

export const INVOKE_CHANNEL = 'fieldkit:invoke';
export const SUBSCRIBE_CHANNEL = 'fieldkit:subscribe';
export const EVENT_CHANNEL = 'fieldkit:event';

export type Envelope = InvokeEnvelope;

/**
 * The main process's side: checks where the call came from, then hands it to the host, whose invoke
 * validates the name and the arguments (the same check as the preload's, again). Never throws.
 */
export async function handleInvoke(host: HostApi, senderUrl: string, name: unknown, args: unknown): Promise<Envelope> {
  try {
    if (!isTrustedOrigin(senderUrl)) throw new HostError('failed', `commands are only taken from the app's own pages, not ${senderUrl.slice(0, 100)}`);
    if (!isCommandName(name)) throw new HostError('unknown-command', `unknown command ${typeof name === 'string' ? name.slice(0, 64) : typeof name}`);
    return { ok: true, value: await host.invoke(name, args as never) };
  } catch (err) {
    const said = saidOf(err);
    return {
      ok: false,
      error: { code: err instanceof HostError ? err.code : 'failed', message: (err as Error)?.message ?? String(err), ...(said ? { said } : {}) },
    };
  }
}

/** The app's pages are served from app://fieldkit/ (main/protocol.ts); nothing else may drive the host. */
export const APP_ORIGIN = 'app://fieldkit';
export function isTrustedOrigin(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** What the preload needs of ipcRenderer: exactly this, so the page never sees ipcRenderer itself. */
export interface RendererIpc {
  invoke(channel: typeof INVOKE_CHANNEL, name: string, args: unknown): Promise<Envelope>;
  send(channel: typeof SUBSCRIBE_CHANNEL): void;
  on(channel: typeof EVENT_CHANNEL, listener: (event: unknown, data: readonly HostEvent[]) => void): void;
  removeListener(channel: typeof EVENT_CHANNEL, listener: (event: unknown, data: readonly HostEvent[]) => void): void;
}

/**
 * The host contract, and the same command answered as a value (call): across Electron's contextBridge
 * an error keeps only its text, so the page's own HostApi (renderer/host.ts) is built on call.
 */
export interface BridgeApi extends HostApi {
  call(name: unknown, args: unknown): Promise<Envelope>;
}

/**
 * The preload's side: exactly the host contract. Arguments are checked before they cross (a page
 * that sends garbage gets a HostError at once); every subscription returns its unsubscribe.
 */
export function createBridgeApi(ipc: RendererIpc): BridgeApi {
  let subscribed = false;
  const call = async (name: unknown, args: unknown): Promise<Envelope> => {
    if (!isCommandName(name)) throw new HostError('unknown-command', `unknown command ${String(name).slice(0, 64)}`);
    parseCommandArgs(name, args);
    return ipc.invoke(INVOKE_CHANNEL, name, args);
  };
  return {
    call,
    async invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResults[K]> {
      const envelope = await call(name, args);
      if (envelope.ok) return envelope.value as CommandResults[K];
      throw new HostError(envelope.error.code, saidOf(envelope.error) ?? envelope.error.message);
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new HostError('invalid-args', 'subscribe wants a function');
      const forward = (_event: unknown, events: readonly HostEvent[]) => listener(events);
      ipc.on(EVENT_CHANNEL, forward);
      if (!subscribed) {
        subscribed = true;
        ipc.send(SUBSCRIBE_CHANNEL);
      }
      return () => ipc.removeListener(EVENT_CHANNEL, forward);
    },
  };
}
