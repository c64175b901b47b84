/**
 * Firmware Management, when in scope: UpdateFirmware pointing at the app's own file server (HTTP or
 * FTP); the charger must fetch the file and report Downloading → Downloaded → Installing → Installed.
 * On "auto" the charger's preferred scheme goes first and the other follows if the transfer fails.
 */
import { fail, pass, skip, type Finding } from '../catalogue.ts';
import { msg } from '../../lib/message.ts';
import type { TransferScheme } from '../driver.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';
import { FailedSchemes, schemeOrder, type SchemeChoice } from './transfer-schemes.ts';

const SEQUENCE = ['Downloading', 'Downloaded', 'Installing', 'Installed'];
const FAILED = new Set(['DownloadFailed', 'InstallationFailed']);

export async function updateFirmware(
  s: SuiteSession,
  file: { name: string; content: Buffer },
  withinMs: number,
  choice: SchemeChoice = 'http',
): Promise<Finding> {
  const { order, why } = await schemeOrder(s, choice, 'firmware');
  const failed = new FailedSchemes();
  const evidence: number[] = [];
  for (const scheme of order) {
    const attempt = await updateOver(s, file, withinMs, scheme);
    evidence.push(...attempt.finding.evidence);
    if (attempt.finding.verdict === 'pass') return pass(failed.workedOver(attempt.finding, scheme), evidence);
    failed.add(scheme, attempt.finding);
    // A charger that fetched the file and then failed has answered the question: no second scheme.
    if (attempt.fetched || attempt.finding.verdict === 'skip') break;
  }
  if (order.length === 1) return failed.first !== undefined ? fail(failed.first, evidence) : skip(msg`no file server is running`);
  return fail(msg`no transfer worked (${why}): ${failed.list()}`, evidence);
}

async function updateOver(
  s: SuiteSession,
  file: { name: string; content: Buffer },
  withinMs: number,
  scheme: TransferScheme,
): Promise<{ finding: Finding; fetched: boolean }> {
  const offered = await s.driver.offerFile(file.name, file.content, scheme);
  if (!offered) return { finding: skip(msg`no ${scheme.toUpperCase()} server is running to serve the firmware`), fetched: false };
  s.step('firmware.update', msg`UpdateFirmware with ${file.name} over ${scheme.toUpperCase()}`);
  const { result, record } = await s.call('UpdateFirmware', {
    location: offered.url,
    retrieveDate: new Date(s.driver.now()).toISOString(),
    retries: 1,
    retryInterval: 10,
  });
  const evidence = callEvidence(record);
  if (!result.ok) return { finding: fail(callFailure('UpdateFirmware', result), evidence), fetched: false };
  const since = record?.callSeq ?? 0;
  const statuses = () => s.model.firmwareStatus.filter((f) => f.seq > since);
  await s.waitFor(() => statuses().some((f) => f.status === 'Installed' || FAILED.has(f.status)), withinMs);
  const seen = statuses();
  const fetched = offered.fetched();
  const names = seen.map((f) => f.status);
  const allEvidence = [...evidence, ...seen.map((f) => f.seq)];
  const failed = names.find((n) => FAILED.has(n));
  const done = (finding: Finding) => ({ finding, fetched });
  if (failed)
    return done(
      fail(
        fetched
          ? msg`the charger reported ${failed} (${names.join(' → ')})`
          : msg`the charger reported ${failed} (${names.join(' → ')}); it never fetched the file`,
        allEvidence,
      ),
    );
  if (!names.includes('Installed'))
    return done(
      fail(
        names.length > 0
          ? msg`no Installed within ${Math.round(withinMs / 1000)} s (seen: ${names.join(' → ')})`
          : msg`no Installed within ${Math.round(withinMs / 1000)} s (seen: no FirmwareStatusNotification)`,
        allEvidence,
      ),
    );
  const missing = SEQUENCE.filter((n) => !names.includes(n));
  if (missing.length > 0) return done(fail(msg`Installed, but the charger never reported ${missing.join(', ')}`, allEvidence));
  if (!fetched) return done(fail(msg`reported Installed without fetching the whole file from the app`, allEvidence));
  return done(pass(msg`fetched ${file.name} (${file.content.length} bytes) and reported ${names.join(' → ')}`, allEvidence));
}
