/**
 * Diagnostics upload (optional): GetDiagnostics with a location on the app (FTP or HTTP; on "auto"
 * the charger's preferred first, the other if nothing arrives), then a non-empty file must arrive
 * and the charger should say Uploading → Uploaded.
 */
import { fail, pass, skip, warn, type Finding } from '../catalogue.ts';
import type { TransferScheme } from '../driver.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';
import { schemeOrder, type SchemeChoice } from './transfer-schemes.ts';

export async function uploadDiagnostics(s: SuiteSession, withinMs: number, choice: SchemeChoice = 'auto'): Promise<Finding> {
  const { order, why } = await schemeOrder(s, choice, 'diagnostics');
  const tried: string[] = [];
  const evidence: number[] = [];
  for (const scheme of order) {
    const attempt = await uploadOver(s, withinMs, scheme);
    evidence.push(...attempt.evidence);
    if (attempt.verdict === 'pass' || attempt.verdict === 'warn')
      return { ...attempt, reason: `${attempt.reason} over ${scheme.toUpperCase()}${tried.length > 0 ? ` (${tried.join('; ')})` : ''}`, evidence };
    // "Nothing to send" and a charger that refuses GetDiagnostics outright are not a transfer problem.
    if (attempt.verdict === 'skip' || /GetDiagnostics/.test(attempt.reason)) return { ...attempt, evidence };
    tried.push(`${scheme.toUpperCase()}: ${attempt.reason}`);
  }
  return fail(order.length > 1 ? `no upload arrived (${why}): ${tried.join('; ')}` : (tried[0]?.replace(/^\w+: /, '') ?? 'no upload arrived'), evidence);
}

async function uploadOver(s: SuiteSession, withinMs: number, scheme: TransferScheme): Promise<Finding> {
  const location = await s.driver.uploadLocation(scheme);
  if (!location) return skip(`no ${scheme.toUpperCase()} server is running to receive diagnostics`);
  s.step('diagnostics.upload', `GetDiagnostics to ${scheme.toUpperCase()}`);
  const { result, record } = await s.call('GetDiagnostics', { location: location.location, retries: 1, retryInterval: 10 });
  const evidence = callEvidence(record);
  if (!result.ok) return fail(callFailure('GetDiagnostics', result), evidence);
  const fileName = (result.payload as { fileName?: unknown } | null)?.fileName;
  if (typeof fileName !== 'string' || fileName === '') return skip('the charger answered that it has no diagnostics to send (no fileName)', evidence);
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
      `nothing arrived within ${Math.round(withinMs / 1000)} s${names.length > 0 ? ` (the charger said ${names.join(' → ')})` : ' and the charger sent no DiagnosticsStatusNotification'}`,
      all,
    );
  const got = `${files.map((f) => `${f.name} (${f.bytes} bytes)`).join(', ')} arrived`;
  if (files[0]!.name !== fileName) return warn(`${got}, named otherwise than the ${fileName} the charger announced`, all);
  if (!names.includes('Uploaded')) return warn(`${got}, but the charger never reported Uploaded (${names.join(' → ') || 'no status'})`, all);
  return pass(`${got}; the charger reported ${names.join(' → ')}`, all);
}
