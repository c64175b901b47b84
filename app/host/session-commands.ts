/**
 * The host's commands over recorded sessions: the library (list, delete, retention), exports (a
 * redacted bundle, CSV, HAR-like JSON), and showing recorded sessions read-only (a library session,
 * an opened bundle) with replay.
 */
import { msg } from '../lib/message.ts';
import { foldRecords } from '../charger/fold.ts';
import { renderReportFile } from '../readiness/report-html.ts';
import { BUNDLE_EXTENSION, packDiagnosticsSet, readBundle, writeBundle, type OpenedBundle } from '../sessions/bundle.ts';
import { harJson, messagesCsv, meterCsv } from '../sessions/exports.ts';
import type { SessionLibrary } from '../sessions/library.ts';
import { readSession } from '../store/reader.ts';
import { RecordingFile } from '../store/recording-file.ts';
import { isDiagnosticsReceived } from '../store/records.ts';
import { Redactor, redactionPreview } from '../store/redact.ts';
import type { SessionViewer } from '../sessions/viewer.ts';
import type { Handlers } from './handler.ts';
import { HostError, required } from './host-error.ts';

type Names =
  | 'sessions.list'
  | 'sessions.delete'
  | 'sessions.setRetention'
  | 'sessions.redactions'
  | 'sessions.export'
  | 'sessions.exportFile'
  | 'sessions.show'
  | 'sessions.close'
  | 'bundle.open'
  | 'bundle.diagnostics'
  | 'replay.start'
  | 'replay.control'
  | 'replay.state';

export interface SessionCommandDeps {
  readonly library?: SessionLibrary;
  readonly viewer?: SessionViewer;
  readonly retention?: { get(): number | null; set(days: number | null): string[] };
  /** Where opened bundles' recordings are unpacked (a folder of the app's own). */
  readonly spoolDir?: string;
}

export function sessionCommands(deps: SessionCommandDeps): Handlers<Names> {
  const library = () => required(deps.library, msg`this host keeps no sessions library`);
  /** The diagnostics of each opened bundle, at hand to save while it is shown; let go with it. */
  const openedDiagnostics = new Map<string, OpenedBundle['diagnostics']>();
  deps.viewer?.on('closed', ({ chargerId }) => openedDiagnostics.delete(chargerId));
  const viewer = () => required(deps.viewer, msg`this host cannot show recorded sessions`);
  const recording = (sessionId: string) => {
    const summary = library().get(sessionId);
    return { summary, ...readSession(summary.file) };
  };
  return {
    'sessions.list': (filter) => {
      const { sessions, usage } = library().listing({
        ...(filter.text ? { text: filter.text } : {}),
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
      });
      return { sessions, usage, retentionDays: deps.retention?.get() ?? null, dataDir: library().dir };
    },
    'sessions.delete': ({ sessionId }) => (library().delete(sessionId), { deleted: sessionId }),
    'sessions.setRetention': ({ days }) => {
      return { retentionDays: days, deleted: required(deps.retention, msg`this host has no retention setting`).set(days) };
    },
    'sessions.redactions': ({ sessionId, hideIdTags }) => {
      const { records } = recording(sessionId);
      return {
        redactions: redactionPreview(records, { hideIdTags }),
        diagnostics: records.flatMap((r) => (r.t === 'event' && isDiagnosticsReceived(r.event) ? [{ name: r.event.name, bytes: r.event.bytes }] : [])),
      };
    },
    'sessions.export': async ({ sessionId, hideIdTags, includeUncheckedDiagnostics }) => {
      const { header, records } = recording(sessionId);
      const diagnostics = await packDiagnosticsSet(library().diagnosticsOf(records), { hideIdTags, includeUnchecked: includeUncheckedDiagnostics ?? false });
      const { bytes, manifest } = writeBundle(
        { header, records, reports: library().reports(sessionId), renderReport: renderReportFile, diagnostics },
        { hideIdTags },
      );
      return { fileName: `${sessionId}${BUNDLE_EXTENSION}`, contentBase64: Buffer.from(bytes).toString('base64'), manifest };
    },
    'sessions.exportFile': ({ sessionId, kind, hideIdTags }) => {
      const { header, records } = recording(sessionId);
      // What leaves the app leaves redacted, whatever the format.
      const redactor = new Redactor({ hideIdTags: hideIdTags ?? false });
      const redacted = records.map((r) => redactor.record(r));
      if (kind === 'messages-csv') return { fileName: `${sessionId}-messages.csv`, mimeType: 'text/csv', content: messagesCsv(redacted) };
      if (kind === 'meter-csv') return { fileName: `${sessionId}-meter.csv`, mimeType: 'text/csv', content: meterCsv(foldRecords(header.chargerId, redacted)) };
      return { fileName: `${sessionId}.har.json`, mimeType: 'application/json', content: harJson(header, redacted) };
    },
    'sessions.show': async ({ sessionId }) => {
      const summary = library().get(sessionId);
      // Read from its own file on demand: a session of hundreds of MB is never held whole.
      const file = await RecordingFile.open(summary.file, { owned: false, hasHeader: true });
      if (!file.header) throw new HostError('failed', msg`${sessionId} has no session header`);
      return { chargerId: viewer().show(file.header, file, 'library', undefined, library().reports(sessionId)) };
    },
    'sessions.close': ({ chargerId }) => ({ closed: viewer().close(chargerId, 'closed by the user') }),
    'bundle.open': async ({ name, contentBase64 }) => {
      const opened = await readBundle(Buffer.from(contentBase64, 'base64'), name, deps.spoolDir ? { spoolDir: deps.spoolDir } : {});
      const chargerId = viewer().show(opened.header, opened.recording, name, opened.model, opened.reports);
      openedDiagnostics.set(chargerId, opened.diagnostics);
      return { chargerId, manifest: opened.manifest };
    },
    'bundle.diagnostics': ({ chargerId, entry }) => {
      const file = openedDiagnostics.get(chargerId)?.find((d) => d.entry === entry);
      if (!file?.read) throw new HostError('failed', msg`no diagnostics ${entry} in a bundle opened as ${chargerId}`);
      return { name: file.name, contentBase64: Buffer.from(file.read()).toString('base64') };
    },
    'replay.start': ({ chargerId, speed }) => viewer().replay(chargerId, speed),
    'replay.control': ({ replayId, playing, speed }) =>
      viewer().control(replayId, { ...(playing !== undefined ? { playing } : {}), ...(speed !== undefined ? { speed } : {}) }),
    'replay.state': () => viewer().replayStates(),
  };
}
