/** The messages of the host contract on a WebSocket (headless host ⇄ browser UI, tests, tools). */
import { z } from 'zod';

export const API_PATH = '/api';

export const invokeMessage = z.object({ t: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string(), args: z.unknown() }).strict();

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'result'; readonly id: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } }
  /** One host tick's events (event-batches.ts), oldest first. */
  | { readonly t: 'events'; readonly events: readonly { readonly name: string; readonly data: unknown }[] };
