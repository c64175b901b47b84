/** The messages of the host contract on a WebSocket (headless host ⇄ browser UI, tests, tools). */
import { z } from 'zod';
import type { Message } from '../lib/message.ts';

export const API_PATH = '/api';

export const invokeMessage = z.object({ t: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string(), args: z.unknown() }).strict();

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly t: 'result';
      readonly id: number;
      readonly ok: false;
      /** said: the message the English was rendered from, for a UI in another language. */
      readonly error: { readonly code: string; readonly message: string; readonly said?: Message };
    }
  /** One host tick's events (event-batches.ts), oldest first. */
  | { readonly t: 'events'; readonly events: readonly { readonly name: string; readonly data: unknown }[] };
