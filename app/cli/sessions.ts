/**
 * `fieldkit sessions`, `fieldkit export` and `fieldkit open`: the library headless. Listing and
 * exporting read the data folder; opening a bundle serves it read-only in the browser UI from a
 * temporary folder, so nothing of the library is touched.
 */
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReportFile } from '../readiness/report-html.ts';
import { verdictLabel } from '../readiness/verdict.ts';
import { RecordingFileError } from '../store/recording-file.ts';
import { oneLine } from '../lib/printable.ts';
import { BundleError, packDiagnosticsSet, readBundle, writeBundle } from '../sessions/bundle.ts';
import { LibraryError, SessionLibrary } from '../sessions/library.ts';
import { readSession } from '../store/reader.ts';
import { createCore } from '../host/core.ts';
import { startUiServer } from '../host/http-server.ts';
import { EnvironmentError, UsageError, parsePort, readInput, parseCommandLine } from './args.ts';
import { defaultDataDir } from './data-dir.ts';

export const SESSIONS_USAGE = `fieldkit sessions [--data DIR] [--search TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  the recorded sessions, newest first: id, charger, span, frames, readiness verdict, size
fieldkit export SESSION_ID --out FILE [--hide-id-tags] [--unchecked-diagnostics] [--data DIR]
  one session as a .fieldkit bundle for support, secrets redacted (RFID tags too with --hide-id-tags);
  the charger's diagnostics uploads go with it, scrubbed (binary ones only with --unchecked-diagnostics)
fieldkit open FILE [--ui-port N] [--ui-host ADDR]
  serves a bundle read-only in the browser UI (graphs, timeline, log, readiness, replay)`;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);
const span = (from: string, to: string) =>
  `${from.slice(0, 16).replace('T', ' ')} → ${to.slice(from.slice(0, 10) === to.slice(0, 10) ? 11 : 0, 16).replace('T', ' ')}`;

export function sessions(argv: string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values } = parseCommandLine({
    args: argv,
    options: { data: { type: 'string' }, search: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  });
  for (const [flag, day] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const)
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UsageError(`${flag} wants a day as YYYY-MM-DD, got "${day}"`);
  const library = new SessionLibrary(values.data ?? defaultDataDir());
  const { sessions: list, usage } = library.listing({
    ...(values.search ? { text: values.search } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  });
  const print = (line: string) => out.write(`${line}\n`);
  if (list.length === 0) {
    print(`no sessions in ${library.dir}${values.search || values.from || values.to ? ' match' : ''}`);
    return 0;
  }
  for (const s of list) {
    const who = [s.chargerId ?? '-', s.vendor && s.model ? `(${s.vendor} ${s.model})` : ''].filter(Boolean).join(' ');
    const verdict = s.verdict ? verdictLabel(s.verdict.verdict) : '-';
    print(`${oneLine(s.id)}  ${oneLine(who)}  ${oneLine(span(s.started, s.ended))}  ${s.frames} frames  ${verdict}  ${size(s.bytes)}  ${oneLine(s.source)}`);
  }
  print(`${usage.sessions} sessions, ${size(usage.bytes)} in ${library.dir}`);
  return 0;
}

export async function exportSession(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: argv,
    options: { out: { type: 'string' }, 'hide-id-tags': { type: 'boolean' }, 'unchecked-diagnostics': { type: 'boolean' }, data: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('export wants one SESSION_ID (fieldkit sessions lists them)');
  if (!values.out) throw new UsageError('export needs --out FILE');
  const library = new SessionLibrary(values.data ?? defaultDataDir());
  let summary;
  try {
    summary = library.get(positionals[0]!);
  } catch (err) {
    if (err instanceof LibraryError) throw new EnvironmentError(err.message);
    throw err;
  }
  const { header, records } = readSession(summary.file);
  const hideIdTags = values['hide-id-tags'] === true;
  const diagnostics = await packDiagnosticsSet(library.diagnosticsOf(records), { hideIdTags, includeUnchecked: values['unchecked-diagnostics'] === true });
  const { bytes, manifest } = writeBundle(
    {
      header,
      records,
      reports: library.reports(summary.id),
      renderReport: renderReportFile,
      diagnostics,
    },
    { hideIdTags },
  );
  try {
    writeFileSync(values.out, bytes);
  } catch (err) {
    throw new EnvironmentError(`cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const redacted = manifest.redactions.filter((r) => r.count > 0).map((r) => `${r.count} × ${r.what}`);
  out.write(
    `Wrote ${values.out} (${size(bytes.length)}): session ${summary.id}, ${manifest.session.frames} frames, ${manifest.entries.filter((e) => e.name.startsWith('readiness/')).length} report files\n`,
  );
  out.write(`Redacted: ${redacted.length > 0 ? redacted.join('; ') : 'nothing was found to redact'}\n`);
  for (const d of manifest.diagnostics ?? []) out.write(`Diagnostics ${oneLine(d.name)} (${size(d.bytes)}): ${oneLine(d.note)}\n`);
  return 0;
}

export async function openBundle(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: argv,
    options: { 'ui-port': { type: 'string' }, 'ui-host': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('open wants one FILE (a .fieldkit bundle)');
  const file = positionals[0]!;
  const bytes = readInput(file);
  // A data folder of its own for this viewing: the library is not touched.
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-open-'));
  let opened;
  try {
    opened = await readBundle(bytes, file, { spoolDir: join(dataDir, 'opened') });
    // Unpacked before the UI opens: a recording that cannot be unpacked is refused here, with the reason.
    await opened.recording;
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    if (err instanceof BundleError || err instanceof RecordingFileError) throw new EnvironmentError(err.message);
    throw err;
  }
  const core = await createCore({ dataDir, host: '127.0.0.1', wsPort: null, wssPort: null, passwords: new Map(), acceptAny: false });
  const chargerId = core.viewer.show(opened.header, opened.recording, file, opened.model, opened.reports);
  const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const ui = await startUiServer(core.host, { host: values['ui-host'] ?? '127.0.0.1', port: parsePort(values['ui-port'], 8099, '--ui-port'), staticDir });
  const m = opened.manifest;
  const print = (line: string) => out.write(`${line}\n`);
  // Everything of the bundle's is its author's words: none of it may begin a line (a fake "UI:" address).
  print(`OCPP Field Kit - ${oneLine(file)} (read-only)`);
  print(
    `Session ${oneLine(m.session.id)} of ${oneLine(m.session.chargerId ?? '-')} (${oneLine(m.session.source)}), ${oneLine(m.session.started)} → ${oneLine(m.session.ended ?? '?')}, ${m.session.frames} frames; exported by ${oneLine(m.app)} on ${oneLine(m.created)}`,
  );
  print(`Shown as ${oneLine(chargerId)}; replay it from the Sessions page.`);
  print(`UI: ${ui.openUrl}`);
  print('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all([core.close(), ui.close()]);
  rmSync(dataDir, { recursive: true, force: true });
  return 0;
}
