/**
 * Remote Trigger: the platform asks for a StatusNotification or a BootNotification and expects it to
 * follow. What follows must be the answer to the trigger, not the charger's own traffic that happens
 * to land at the same moment (a status change a second after boot, a reboot's BootNotification):
 *
 * - StatusNotification: let the charger settle (no status change for a few seconds), trigger it for a
 *   named connector, and count only a StatusNotification for that connector that re-reports the status
 *   it had when we asked. A change of its own in the window is said and the trigger repeated.
 * - BootNotification: count only one that arrives on the connection we triggered on; a reconnect in
 *   between brings a BootNotification of its own, which answers nothing.
 */
import { fail, pass, type Finding } from '../catalogue.ts';
import { joined, msg, type Message } from '../../lib/message.ts';
import { callEvidence, callFailure, statusOf, type SuiteSession } from '../session.ts';

export interface TriggerTiming {
  /** How long the answer may take (the catalogue's 30 s). */
  readonly withinMs: number;
  /** No status change for this long before triggering a StatusNotification. */
  readonly settleMs: number;
  /** Tries when the charger's own traffic lands in the window. */
  readonly attempts?: number;
}

/** At most this long is spent waiting for a charger whose status never settles. */
const MAX_SETTLE_MS = 30_000;

export async function triggerStatus(s: SuiteSession, timing: TriggerTiming): Promise<Finding> {
  const connectorId = s.model.connectors.find((c) => c.id >= 1)?.id ?? 1;
  const attempts = timing.attempts ?? 3;
  const coincidences: Message[] = [];
  const evidence: number[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await settle(s, timing.settleMs);
    const before = s.model.connectors.find((c) => c.id === connectorId)?.status ?? null;
    const { result, record } = await s.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId });
    evidence.push(...callEvidence(record));
    if (!result.ok) return fail(callFailure('TriggerMessage', result), evidence);
    const status = statusOf(result);
    if (status !== 'Accepted')
      return fail(msg`TriggerMessage StatusNotification for connector ${connectorId} was answered ${status}: the platform cannot ask for it`, evidence);
    const since = record?.callSeq ?? s.model.lastSeq;
    const seen = await s.waitFor(() => s.model.connectors.find((c) => c.id === connectorId)?.timeline.find((t) => t.seq > since), timing.withinMs);
    if (!seen) {
      const none = msg`TriggerMessage StatusNotification was Accepted but no StatusNotification for connector ${connectorId} followed within ${Math.round(timing.withinMs / 1000)} s`;
      return fail(coincidences.length > 0 ? msg`${none} (${joined('; ', coincidences)})` : none, evidence);
    }
    if (before === null || seen.status === before) {
      const reported = msg`Accepted, and connector ${connectorId} re-reported ${seen.status}`;
      return pass(
        coincidences.length === 0
          ? reported
          : coincidences.length === 1
            ? msg`${reported} (after 1 try disturbed by its own status changes)`
            : msg`${reported} (after ${coincidences.length} tries disturbed by its own status changes)`,
        [...evidence, seen.seq],
      );
    }
    coincidences.push(msg`its own change ${before} → ${seen.status} landed in the window of try ${attempt} and was not counted`);
    s.step(
      'trigger.status',
      msg`connector ${connectorId} changed ${before} → ${seen.status} on its own right after the trigger; triggering again once it settles`,
    );
  }
  return fail(msg`could not tell a triggered StatusNotification from the charger's own: ${joined('; ', coincidences)}`, evidence);
}

export async function triggerBoot(s: SuiteSession, timing: TriggerTiming): Promise<Finding> {
  const attempts = timing.attempts ?? 2;
  const evidence: number[] = [];
  const reconnects: Message[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const connection = s.model.connections.length - 1;
    const { result, record } = await s.call('TriggerMessage', { requestedMessage: 'BootNotification' });
    evidence.push(...callEvidence(record));
    if (!result.ok) return fail(callFailure('TriggerMessage', result), evidence);
    const status = statusOf(result);
    if (status !== 'Accepted') return fail(msg`TriggerMessage BootNotification was answered ${status}: the platform cannot ask for it`, evidence);
    const since = record?.callSeq ?? s.model.lastSeq;
    const boot = await s.waitFor(() => s.model.boots.find((b) => b.seq > since), timing.withinMs);
    if (!boot) {
      const none = msg`TriggerMessage BootNotification was Accepted but no BootNotification followed within ${Math.round(timing.withinMs / 1000)} s`;
      return fail(reconnects.length > 0 ? msg`${none} (${joined('; ', reconnects)})` : none, evidence);
    }
    if (boot.connection === connection) return pass(msg`Accepted, and a BootNotification followed on the same connection`, [...evidence, boot.seq]);
    reconnects.push(msg`a BootNotification came after a reconnect in try ${attempt}: that is the reconnect's, not an answer to the trigger`);
    s.step('trigger.boot', msg`the charger reconnected right after the trigger; waiting for it to boot, then triggering again`);
    await s.waitFor(() => s.driver.connected() && s.model.boots.some((b) => b.connection === s.model.connections.length - 1 && b.answer), timing.withinMs);
  }
  return fail(msg`could not tell a triggered BootNotification from the charger's own: ${joined('; ', reconnects)}`, evidence);
}

/** Waits until no connector changed status for settleMs (at most MAX_SETTLE_MS). */
async function settle(s: SuiteSession, settleMs: number): Promise<void> {
  const lastChange = () => Math.max(0, ...s.model.connectors.flatMap((c) => c.timeline.slice(-1).map((t) => t.at)));
  await s.waitFor(() => s.driver.now() - lastChange() >= settleMs, MAX_SETTLE_MS);
}
