/**
 * Firmware Management, when in scope: UpdateFirmware pointing at the app's own file server; the
 * charger must fetch the file and report Downloading → Downloaded → Installing → Installed.
 */
import { fail, pass, skip, type Finding } from '../catalogue.ts';
import { callEvidence, callFailure, type SuiteSession } from '../session.ts';

const SEQUENCE = ['Downloading', 'Downloaded', 'Installing', 'Installed'];
const FAILED = new Set(['DownloadFailed', 'InstallationFailed']);

export async function updateFirmware(s: SuiteSession, file: { name: string; content: Buffer }, withinMs: number): Promise<Finding> {
  const url = s.driver.offerFile(file.name, file.content);
  if (!url) return skip('no file server is running to serve the firmware');
  const path = new URL(url).pathname;
  const { result, record } = await s.call('UpdateFirmware', {
    location: url,
    retrieveDate: new Date(s.driver.now()).toISOString(),
    retries: 1,
    retryInterval: 10,
  });
  const evidence = callEvidence(record);
  if (!result.ok) return fail(callFailure('UpdateFirmware', result), evidence);
  const since = record?.callSeq ?? 0;
  const statuses = () => s.model.firmwareStatus.filter((f) => f.seq > since);
  await s.waitFor(() => statuses().some((f) => f.status === 'Installed' || FAILED.has(f.status)), withinMs);
  const seen = statuses();
  const fetched = s.driver
    .fileRequests()
    .some((r) => decodeURIComponent(r.path) === decodeURIComponent(path) && r.status === 200 && r.bytes === file.content.length);
  const names = seen.map((f) => f.status);
  const allEvidence = [...evidence, ...seen.map((f) => f.seq)];
  const failed = names.find((n) => FAILED.has(n));
  if (failed) return fail(`the charger reported ${failed} (${names.join(' → ')})${fetched ? '' : '; it never fetched the file'}`, allEvidence);
  if (!names.includes('Installed'))
    return fail(`no Installed within ${Math.round(withinMs / 1000)} s (seen: ${names.join(' → ') || 'no FirmwareStatusNotification'})`, allEvidence);
  const missing = SEQUENCE.filter((n) => !names.includes(n));
  if (missing.length > 0) return fail(`Installed, but the charger never reported ${missing.join(', ')}`, allEvidence);
  if (!fetched) return fail('reported Installed without fetching the whole file from the app', allEvidence);
  return pass(`fetched ${file.name} (${file.content.length} bytes) and reported ${names.join(' → ')}`, allEvidence);
}
