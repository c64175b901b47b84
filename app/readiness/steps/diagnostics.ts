/**
 * Diagnostics upload (optional): GetDiagnostics with a location on the app (FTP or HTTP; on "auto"
 * the charger's preferred first, the other if nothing arrives), then a non-empty file must arrive
 * and the charger should say Uploading → Uploaded. What the app did itself (another FTP port, a file
 * stored under a numbered name because one of that name was there) is said, never held against the
 * charger; a scheme the app cannot offer is passed over to the next.
 */
import { safeFileName } from '../../central/file-names.ts';
import { fail, pass, skip, warn, type Finding } from '../catalogue.ts';
import { joined, msg, type Message } from '../../lib/message.ts';
import type { TransferScheme, UploadLocation } from '../driver.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';
import { FailedSchemes, schemeOrder, unavailableScheme, withNote, type Attempt, type SchemeChoice } from './transfer-schemes.ts';

export async function uploadDiagnostics(s: SuiteSession, withinMs: number, choice: SchemeChoice = 'auto'): Promise<Finding> {
  const { order, why } = await schemeOrder(s, choice, 'diagnostics');
  const failed = new FailedSchemes();
  const evidence: number[] = [];
  for (const scheme of order) {
    const attempt = await uploadOver(s, withinMs, scheme);
    evidence.push(...attempt.finding.evidence);
    const { finding } = attempt;
    if (finding.verdict === 'pass' || finding.verdict === 'warn')
      return (finding.verdict === 'pass' ? pass : warn)(failed.workedOver(finding, scheme), evidence);
    // The charger's own answer ("nothing to send", GetDiagnostics refused) is not a transfer problem: no second scheme.
    if (attempt.outcome === 'final') return { ...finding, evidence };
    failed.add(scheme, finding, attempt.outcome === 'unavailable');
  }
  if (failed.allUnavailable) return skip(msg`the app could not offer a location (${failed.list()}): run the check again`, evidence);
  if (order.length > 1) return fail(msg`no upload arrived (${why}): ${failed.list()}`, evidence);
  return fail(failed.first ?? msg`no upload arrived`, evidence);
}

async function uploadOver(s: SuiteSession, withinMs: number, scheme: TransferScheme): Promise<Attempt> {
  let location: UploadLocation | null;
  try {
    location = await s.driver.uploadLocation(scheme);
  } catch (err) {
    return unavailableScheme(scheme, err);
  }
  if (!location) return unavailableScheme(scheme, null);
  s.step(
    'diagnostics.upload',
    location.note ? msg`GetDiagnostics to ${scheme.toUpperCase()} (${location.note})` : msg`GetDiagnostics to ${scheme.toUpperCase()}`,
  );
  const { result, record } = await s.call('GetDiagnostics', { location: location.location, retries: 1, retryInterval: 10 });
  const evidence = callEvidence(record);
  if (!result.ok) return { finding: fail(callFailure('GetDiagnostics', result), evidence), outcome: 'final' };
  const fileName = (result.payload as { fileName?: unknown } | null)?.fileName;
  if (typeof fileName !== 'string' || fileName === '')
    return { finding: skip(msg`the charger answered that it has no diagnostics to send (no fileName)`, evidence), outcome: 'final' };
  const since = record?.callSeq ?? 0;
  const statuses = () => s.model.diagnosticsStatus.filter((d) => d.seq > since);
  const arrived = () => location.received().filter((r) => r.bytes > 0);
  await s.waitFor(() => arrived().length > 0 || statuses().some((d) => d.status === 'UploadFailed'), withinMs);
  // An upload may land a moment before (or after) the charger says Uploaded.
  await s.waitFor(() => statuses().some((d) => d.status === 'Uploaded' || d.status === 'UploadFailed'), Math.min(withinMs, 10_000));
  const names = statuses().map((d) => d.status);
  const all = [...evidence, ...statuses().map((d) => d.seq)];
  const files = arrived();
  const noted = (message: Message) => withNote(message, location.note);
  if (files.length === 0)
    return {
      finding: fail(
        noted(
          names.length > 0
            ? msg`nothing arrived within ${Math.round(withinMs / 1000)} s (the charger said ${names.join(' → ')})`
            : msg`nothing arrived within ${Math.round(withinMs / 1000)} s and the charger sent no DiagnosticsStatusNotification`,
        ),
        all,
      ),
      outcome: 'try-next',
    };
  const got = msg`${joined(
    ', ',
    files.map((f) =>
      f.sentName !== undefined && f.sentName !== f.name
        ? msg`${f.sentName} (${f.bytes} bytes; kept as ${f.name}: a file of that name was already there)`
        : msg`${f.name} (${f.bytes} bytes)`,
    ),
  )} arrived`;
  const sent = files[0]!.sentName ?? files[0]!.name;
  if (sent !== safeFileName(fileName, sent))
    return { finding: warn(noted(msg`${got}, named otherwise than the ${fileName} the charger announced`), all), outcome: 'final' };
  if (!names.includes('Uploaded'))
    return {
      finding: warn(
        noted(
          names.length > 0
            ? msg`${got}, but the charger never reported Uploaded (${names.join(' → ')})`
            : msg`${got}, but the charger never reported Uploaded (no status)`,
        ),
        all,
      ),
      outcome: 'final',
    };
  return { finding: pass(noted(msg`${got}; the charger reported ${names.join(' → ')}`), all), outcome: 'final' };
}
