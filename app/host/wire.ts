/** The messages of the host contract on a WebSocket (headless host ⇄ browser UI, tests, tools). */
import { z } from 'zod';

export const API_PATH = '/api';

export const invokeMessage = z.object({ t: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string(), args: z.unknown() }).strict();

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'result'; readonly id: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } }
  | { readonly t: 'event'; readonly name: string; readonly data: unknown };
