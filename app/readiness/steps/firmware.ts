/**
 * Firmware Management, when in scope: UpdateFirmware pointing at the app's own file server (HTTP or
 * FTP); the charger must fetch the file and report Downloading → Downloaded → Installing → Installed.
 * On "auto" (the default) the charger's preferred scheme goes first and the other follows if the
 * transfer fails; a scheme the app cannot offer is passed over, never held against the charger.
 */
import { fail, pass, skip, type Finding } from '../catalogue.ts';
import { msg, type Message } from '../../lib/message.ts';
import type { OfferedFile, TransferScheme } from '../driver.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';
import { FailedSchemes, schemeOrder, unavailableScheme, withNote, type Attempt, type SchemeChoice } from './transfer-schemes.ts';

const SEQUENCE = ['Downloading', 'Downloaded', 'Installing', 'Installed'];
const FAILED = new Set(['DownloadFailed', 'InstallationFailed']);

export async function updateFirmware(
  s: SuiteSession,
  file: { name: string; content: Buffer },
  withinMs: number,
  choice: SchemeChoice = 'auto',
): Promise<Finding> {
  const { order, why } = await schemeOrder(s, choice, 'firmware');
  const failed = new FailedSchemes();
  const evidence: number[] = [];
  for (const scheme of order) {
    const attempt = await updateOver(s, file, withinMs, scheme);
    evidence.push(...attempt.finding.evidence);
    if (attempt.finding.verdict === 'pass') return pass(failed.workedOver(attempt.finding, scheme), evidence);
    failed.add(scheme, attempt.finding, attempt.outcome === 'unavailable');
    // A charger that fetched the file and then failed, or refused UpdateFirmware, has answered the question: no second scheme.
    if (attempt.outcome === 'final') break;
  }
  if (failed.allUnavailable) return skip(msg`the app could not serve the firmware (${failed.list()}): run the check again`, evidence);
  if (order.length === 1) return fail(failed.first ?? msg`no transfer worked`, evidence);
  return fail(msg`no transfer worked (${why}): ${failed.list()}`, evidence);
}

async function updateOver(s: SuiteSession, file: { name: string; content: Buffer }, withinMs: number, scheme: TransferScheme): Promise<Attempt> {
  let offered: OfferedFile | null;
  try {
    offered = await s.driver.offerFile(file.name, file.content, scheme);
  } catch (err) {
    return unavailableScheme(scheme, err);
  }
  if (!offered) return unavailableScheme(scheme, null);
  s.step(
    'firmware.update',
    offered.note
      ? msg`UpdateFirmware with ${file.name} over ${scheme.toUpperCase()} (${offered.note})`
      : msg`UpdateFirmware with ${file.name} over ${scheme.toUpperCase()}`,
  );
  const { result, record } = await s.call('UpdateFirmware', {
    location: offered.url,
    retrieveDate: new Date(s.driver.now()).toISOString(),
    retries: 1,
    retryInterval: 10,
  });
  const evidence = callEvidence(record);
  if (!result.ok) return { finding: fail(callFailure('UpdateFirmware', result), evidence), outcome: 'final' };
  const since = record?.callSeq ?? 0;
  const statuses = () => s.model.firmwareStatus.filter((f) => f.seq > since);
  await s.waitFor(() => statuses().some((f) => f.status === 'Installed' || FAILED.has(f.status)), withinMs);
  const seen = statuses();
  const fetched = offered.fetched();
  const names = seen.map((f) => f.status);
  const allEvidence = [...evidence, ...seen.map((f) => f.seq)];
  const failedStatus = names.find((n) => FAILED.has(n));
  // Once the charger fetched the whole file, what follows is the charger's: another scheme would not change it.
  const done = (finding: Finding): Attempt => ({ finding, outcome: fetched ? 'final' : 'try-next' });
  const noted = (message: Message) => withNote(message, offered.note);
  if (failedStatus)
    return done(
      fail(
        noted(
          fetched
            ? msg`the charger reported ${failedStatus} (${names.join(' → ')})`
            : msg`the charger reported ${failedStatus} (${names.join(' → ')}); it never fetched the file`,
        ),
        allEvidence,
      ),
    );
  if (!names.includes('Installed'))
    return done(
      fail(
        noted(
          names.length > 0
            ? msg`no Installed within ${Math.round(withinMs / 1000)} s (seen: ${names.join(' → ')})`
            : msg`no Installed within ${Math.round(withinMs / 1000)} s (seen: no FirmwareStatusNotification)`,
        ),
        allEvidence,
      ),
    );
  const missing = SEQUENCE.filter((n) => !names.includes(n));
  if (missing.length > 0) return done(fail(noted(msg`Installed, but the charger never reported ${missing.join(', ')}`), allEvidence));
  if (!fetched) return done(fail(noted(msg`reported Installed without fetching the whole file from the app`), allEvidence));
  return done(pass(noted(msg`fetched ${file.name} (${file.content.length} bytes) and reported ${names.join(' → ')}`), allEvidence));
}
