/**
 * Diagnostics upload (optional): GetDiagnostics with a location on the app (FTP or HTTP; on "auto"
 * the charger's preferred first, the other if nothing arrives), then a non-empty file must arrive
 * and the charger should say Uploading → Uploaded.
 */
import { fail, pass, skip, warn, type Finding } from '../catalogue.ts';
import { joined, msg } from '../../lib/message.ts';
import type { TransferScheme } from '../driver.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';
import { FailedSchemes, schemeOrder, type SchemeChoice } from './transfer-schemes.ts';

export async function uploadDiagnostics(s: SuiteSession, withinMs: number, choice: SchemeChoice = 'auto'): Promise<Finding> {
  const { order, why } = await schemeOrder(s, choice, 'diagnostics');
  const failed = new FailedSchemes();
  const evidence: number[] = [];
  for (const scheme of order) {
    const attempt = await uploadOver(s, withinMs, scheme);
    evidence.push(...attempt.evidence);
    if (attempt.verdict === 'pass' || attempt.verdict === 'warn')
      return (attempt.verdict === 'pass' ? pass : warn)(failed.workedOver(attempt, scheme), evidence);
    // "Nothing to send" and a charger that refuses GetDiagnostics outright are not a transfer problem.
    if (attempt.verdict === 'skip' || /GetDiagnostics/.test(attempt.reason)) return { ...attempt, evidence };
    failed.add(scheme, attempt);
  }
  if (order.length > 1) return fail(msg`no upload arrived (${why}): ${failed.list()}`, evidence);
  return fail(failed.first ?? msg`no upload arrived`, evidence);
}

async function uploadOver(s: SuiteSession, withinMs: number, scheme: TransferScheme): Promise<Finding> {
  const location = await s.driver.uploadLocation(scheme);
  if (!location) return skip(msg`no ${scheme.toUpperCase()} server is running to receive diagnostics`);
  s.step('diagnostics.upload', msg`GetDiagnostics to ${scheme.toUpperCase()}`);
  const { result, record } = await s.call('GetDiagnostics', { location: location.location, retries: 1, retryInterval: 10 });
  const evidence = callEvidence(record);
  if (!result.ok) return fail(callFailure('GetDiagnostics', result), evidence);
  const fileName = (result.payload as { fileName?: unknown } | null)?.fileName;
  if (typeof fileName !== 'string' || fileName === '') return skip(msg`the charger answered that it has no diagnostics to send (no fileName)`, evidence);
  const since = record?.callSeq ?? 0;
  const statuses = () => s.model.diagnosticsStatus.filter((d) => d.seq > since);
  const arrived = () => location.received().filter((r) => r.bytes > 0);
  await s.waitFor(() => arrived().length > 0 || statuses().some((d) => d.status === 'UploadFailed'), withinMs);
  // An upload may land a moment before (or after) the charger says Uploaded.
  await s.waitFor(() => statuses().some((d) => d.status === 'Uploaded' || d.status === 'UploadFailed'), Math.min(withinMs, 10_000));
  const names = statuses().map((d) => d.status);
  const all = [...evidence, ...statuses().map((d) => d.seq)];
  const files = arrived();
  if (files.length === 0)
    return fail(
      names.length > 0
        ? msg`nothing arrived within ${Math.round(withinMs / 1000)} s (the charger said ${names.join(' → ')})`
        : msg`nothing arrived within ${Math.round(withinMs / 1000)} s and the charger sent no DiagnosticsStatusNotification`,
      all,
    );
  const got = msg`${joined(
    ', ',
    files.map((f) => msg`${f.name} (${f.bytes} bytes)`),
  )} arrived`;
  if (files[0]!.name !== fileName) return warn(msg`${got}, named otherwise than the ${fileName} the charger announced`, all);
  if (!names.includes('Uploaded'))
    return warn(
      names.length > 0
        ? msg`${got}, but the charger never reported Uploaded (${names.join(' → ')})`
        : msg`${got}, but the charger never reported Uploaded (no status)`,
      all,
    );
  return pass(msg`${got}; the charger reported ${names.join(' → ')}`, all);
}
