/**
 * The platform's configuration: MeterValuesSampledData and MeterValueSampleInterval are changed,
 * then read back (a charger may accept a value and keep the old one), and the sampled data is
 * confirmed later in the MeterValues that follow.
 */
import { fail, pass, saidOf, warn, type Finding } from '../catalogue.ts';
import { msg } from '../../lib/message.ts';
import { transactionSamples } from '../passive.ts';
import { callEvidence, callFailure, statusOf, type SuiteSession } from '../session.ts';

export const PLATFORM_SAMPLED_DATA = 'Energy.Active.Import.Register,Power.Active.Import';
export const PLATFORM_SAMPLE_INTERVAL = '60';

const sameList = (a: string, b: string) => {
  const norm = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .sort()
      .join(',');
  return norm(a) === norm(b);
};

/** ChangeConfiguration then GetConfiguration of the key; the finding and the seq after which the value applies. */
export async function changeAndReadBack(
  s: SuiteSession,
  key: string,
  value: string,
  sameValue: (a: string, b: string) => boolean,
): Promise<{ finding: Finding; appliedSeq: number | null }> {
  const change = await s.call('ChangeConfiguration', { key, value });
  const evidence = callEvidence(change.record);
  const status = statusOf(change.result);
  if (!change.result.ok) return { finding: fail(callFailure('ChangeConfiguration', change.result), evidence), appliedSeq: null };
  if (status !== 'Accepted' && status !== 'RebootRequired')
    return { finding: fail(msg`ChangeConfiguration ${key}=${value} was ${status}: the platform cannot set it`, evidence), appliedSeq: null };
  const read = await s.call('GetConfiguration', { key: [key] });
  evidence.push(...callEvidence(read.record));
  if (!read.result.ok)
    return { finding: fail(msg`${key} was ${status} but could not be read back: ${callFailure('GetConfiguration', read.result)}`, evidence), appliedSeq: null };
  // What this very answer says: a value read earlier (the first full GetConfiguration) answers nothing.
  const reported = reportedValue(read.record?.answer?.payload, key);
  const appliedSeq = change.record?.answer?.seq ?? null;
  if (reported === null) return { finding: fail(msg`${key} was ${status} but GetConfiguration does not report it`, evidence), appliedSeq };
  if (!sameValue(reported, value)) return { finding: fail(msg`${key} was ${status}, but GetConfiguration reports "${reported}"`, evidence), appliedSeq };
  if (status === 'RebootRequired') return { finding: warn(msg`${key}=${value} needs a reboot to take effect (RebootRequired)`, evidence), appliedSeq };
  return { finding: pass(msg`${key}=${value} accepted and reported back`, evidence), appliedSeq };
}

/** The key's value in one GetConfiguration answer (keys compared as OCPP does: case-insensitively), or null. */
function reportedValue(answer: unknown, key: string): string | null {
  const keys = (answer as { configurationKey?: unknown } | null)?.configurationKey;
  if (!Array.isArray(keys)) return null;
  const entry = keys.find((k) => typeof (k as { key?: unknown })?.key === 'string' && (k as { key: string }).key.toLowerCase() === key.toLowerCase()) as
    { value?: unknown } | undefined;
  return typeof entry?.value === 'string' ? entry.value : entry?.value === undefined ? null : String(entry.value);
}

export function setSampleInterval(s: SuiteSession) {
  return changeAndReadBack(s, 'MeterValueSampleInterval', PLATFORM_SAMPLE_INTERVAL, (a, b) => Number(a) === Number(b));
}

export function setSampledData(s: SuiteSession) {
  return changeAndReadBack(s, 'MeterValuesSampledData', PLATFORM_SAMPLED_DATA, sameList);
}

/** The MeterValues after the change must carry what was accepted: chargers that accept and ignore are common. */
export function confirmSampledData(s: SuiteSession, finding: Finding, appliedSeq: number | null): Finding {
  if (finding.verdict !== 'pass' || appliedSeq === null) return finding;
  const after = transactionSamples(s.model).filter((x) => x.seq > appliedSeq);
  if (after.length === 0) return pass(msg`${saidOf(finding)} (not confirmed in MeterValues: no transaction was metered after the change)`, finding.evidence);
  const withPower = after.filter((x) => x.measurands.includes('Power.Active.Import') && x.measurands.includes('Energy.Active.Import.Register'));
  if (withPower.length > 0) return pass(msg`${saidOf(finding)}, and the MeterValues that followed carry both`, [...finding.evidence, withPower[0]!.seq]);
  const carried = [...new Set(after.flatMap((x) => x.measurands))].join(', ') || '–';
  const evidence = [...finding.evidence, after[0]!.seq];
  if (after.some((x) => x.powerSource === 'current×voltage'))
    return warn(msg`accepted and reported back, but the MeterValues that followed carry ${carried} instead of Power.Active.Import`, evidence);
  return fail(msg`accepted and reported back, but the MeterValues that followed carry only ${carried}: the charger ignores MeterValuesSampledData`, evidence);
}
