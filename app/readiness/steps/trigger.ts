/** Remote Trigger: the platform asks for a BootNotification and a StatusNotification and expects them to follow. */
import { fail, pass, type Finding } from '../catalogue.ts';
import { callEvidence, callFailure, statusOf, type SuiteSession } from '../session.ts';

export async function triggerMessage(s: SuiteSession, requestedMessage: 'BootNotification' | 'StatusNotification', withinMs: number): Promise<Finding> {
  const { result, record } = await s.call('TriggerMessage', { requestedMessage });
  const evidence = callEvidence(record);
  if (!result.ok) return fail(callFailure('TriggerMessage', result), evidence);
  const status = statusOf(result);
  if (status !== 'Accepted') return fail(`TriggerMessage ${requestedMessage} was answered ${status}: the platform cannot ask for it`, evidence);
  const since = record?.callSeq ?? s.model.lastSeq;
  const followed = await s.waitFor(() => {
    const m = s.model;
    if (requestedMessage === 'BootNotification') return m.boots.find((b) => b.seq > since)?.seq;
    return m.connectors.flatMap((c) => c.timeline).find((t) => t.seq > since)?.seq;
  }, withinMs);
  if (followed === undefined) return fail(`TriggerMessage ${requestedMessage} was Accepted but no ${requestedMessage} followed within ${Math.round(withinMs / 1000)} s`, evidence);
  return pass(`Accepted, and a ${requestedMessage} followed`, [...evidence, followed]);
}
