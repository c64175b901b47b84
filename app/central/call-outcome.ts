/**
 * A CALL to a charger with its outcome as a value instead of an exception: the host hands it to the
 * UI, the readiness suite judges it. One mapping of the endpoint's errors for both.
 */
import { CallAborted, CallErrorResponse, CallTimeout, InvalidOutgoingPayload } from '../ocpp/errors.ts';
import { CentralError, type CentralSystem } from './central-system.ts';

/** P: the answer's payload type (an action's response, where the caller knows the action). */
export type CallOutcome<P = unknown> =
  | { readonly ok: true; readonly payload: P; readonly latencyMs: number; readonly issues: readonly { path: string; message: string }[] }
  | {
      readonly ok: false;
      /** callerror: the charger answered with a CALLERROR; timeout; aborted: the connection went; invalid: we refused to send it; refused: not connected or not allowed. */
      readonly kind: 'callerror' | 'timeout' | 'aborted' | 'invalid' | 'refused';
      readonly message: string;
      readonly code?: string;
      readonly details?: unknown;
    };

export async function callOutcome(central: CentralSystem, chargerId: string, action: string, payload: unknown, timeoutMs?: number): Promise<CallOutcome> {
  try {
    const result = await central.call(chargerId, action, payload, timeoutMs === undefined ? {} : { timeoutMs });
    return {
      ok: true,
      payload: result.payload,
      latencyMs: Math.round(result.latencyMs),
      issues: result.issues.map(({ path, message }) => ({ path, message })),
    };
  } catch (err) {
    if (err instanceof CallErrorResponse) return { ok: false, kind: 'callerror', code: err.code, message: err.message, details: err.details };
    if (err instanceof CallTimeout) return { ok: false, kind: 'timeout', message: err.message };
    if (err instanceof CallAborted) return { ok: false, kind: 'aborted', message: err.message };
    if (err instanceof InvalidOutgoingPayload) return { ok: false, kind: 'invalid', message: err.message, details: err.issues };
    if (err instanceof CentralError) return { ok: false, kind: 'refused', message: err.message };
    throw err;
  }
}
