/**
 * The IPC protocol between the preload and the main process, written once for both sides: one
 * channel for commands (answered with an envelope, so a HostError keeps its code across IPC) and
 * one for events. Both sides validate; the main process never trusts the renderer.
 */
import type { CommandName, HostApi, HostEvent } from '../app/host/contract.ts';
import { HostError, isCommandName, parseCommandArgs } from '../app/host/contract.ts';

export const INVOKE_CHANNEL = 'fieldkit:invoke';
export const SUBSCRIBE_CHANNEL = 'fieldkit:subscribe';
export const EVENT_CHANNEL = 'fieldkit:event';

export type Envelope =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: { readonly code: HostError['code']; readonly message: string } };

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
    return { ok: false, error: { code: err instanceof HostError ? err.code : 'failed', message: (err as Error)?.message ?? String(err) } };
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
 * The preload's side: exactly the host contract. Arguments are checked before they cross (a page
 * that sends garbage gets a HostError at once); every subscription returns its unsubscribe.
 */
export function createBridgeApi(ipc: RendererIpc): HostApi {
  let subscribed = false;
  return {
    async invoke(name, args) {
      if (!isCommandName(name)) throw new HostError('unknown-command', `unknown command ${String(name).slice(0, 64)}`);
      parseCommandArgs(name as CommandName, args);
      const envelope = await ipc.invoke(INVOKE_CHANNEL, name, args);
      if (envelope.ok) return envelope.value as never;
      throw new HostError(envelope.error.code, envelope.error.message);
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
