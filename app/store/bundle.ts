/**
 * The bundle support opens: one `.fieldkit` file (a zip) holding a session's recording (every leg,
 * the serial bytes), the charger model folded from it, its readiness reports (JSON and HTML), and a
 * manifest with the app version and a SHA-256 per entry. Secrets are redacted on the way out.
 * The recording and the model are gzip files stored in the zip: Node's own zlib packs and unpacks
 * them several times faster than a zip library in JavaScript, and the model (enough for the first
 * graph) is read without touching the recording.
 * Reading checks everything before anything is used: a truncated or foreign file, a wrong checksum,
 * an unknown format version, an entry name that tries to leave its folder, each is refused with its
 * reason. Reading never writes.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { foldRecords } from '../charger/fold.ts';
import type { ChargerModel } from '../charger/model.ts';
import { APP_VERSION } from '../version.ts';
import { parseSession } from './reader.ts';
import type { SessionHeader, SessionRecord } from './records.ts';
import { Redactor, type RedactionCount, type RedactOptions } from './redact.ts';

export const BUNDLE_FORMAT = 'fieldkit-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.fieldkit';

/** Beyond this a bundle is refused before it is inflated (a zip bomb, or not ours). */
const MAX_INFLATED_BYTES = 1_500 * 1024 * 1024;
const RECORDING = 'session.jsonl.gz';
const MODEL = 'model.json.gz';

/** A stored gzip file's text; a damaged or oversized one is refused with the reason. */
function gunzipped(bytes: Uint8Array, name: string, what: string): string {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch (err) {
    throw new BundleError(`${what}: ${name} cannot be unpacked (${(err as Error).message})`);
  }
}

export interface BundleEntry {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: number;
  /** The app that wrote it. */
  readonly app: string;
  readonly created: string;
  readonly session: {
    readonly id: string;
    readonly chargerId: string | null;
    readonly source: string;
    readonly started: string;
    readonly ended: string | null;
    readonly frames: number;
    readonly events: number;
  };
  readonly hideIdTags: boolean;
  readonly redactions: readonly RedactionCount[];
  /** The recording's first line, so the session is known before the recording is unpacked. */
  readonly header: SessionHeader;
  readonly entries: readonly BundleEntry[];
}

export interface ReportFileContent {
  /** e.g. readiness-CP1-20261125T030000.json */
  readonly name: string;
  readonly content: string;
}

export interface BundleInput {
  readonly header: SessionHeader;
  readonly records: readonly SessionRecord[];
  /** Readiness reports as JSON; their HTML is rendered from the redacted records. */
  readonly reports: readonly ReportFileContent[];
  /** Renders a report's HTML (readiness/report-html.ts), given the redacted model and records. */
  readonly renderReport?: (reportJson: string, model: ChargerModel, records: readonly SessionRecord[]) => string;
}

export interface OpenedBundle {
  readonly manifest: BundleManifest;
  readonly header: SessionHeader;
  /** Parsed on first use: the model snapshot draws the first graph without them (a million frames take seconds). */
  readonly records: SessionRecord[];
  readonly model: ChargerModel;
  readonly reports: readonly ReportFileContent[];
}

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes a bundle; the recording, model and reports in it are redacted. */
export function writeBundle(input: BundleInput, options: RedactOptions, now = new Date()): { readonly bytes: Uint8Array; readonly manifest: BundleManifest } {
  const redactor = new Redactor(options);
  const records = input.records.map((r) => redactor.record(r));
  const model = foldRecords(input.header.chargerId, records);
  const recording = [JSON.stringify(input.header), ...records.map((r) => JSON.stringify(r))].join('\n') + '\n';
  const files: Record<string, Uint8Array> = {
    [RECORDING]: gzipSync(recording, { level: 6 }),
    [MODEL]: gzipSync(JSON.stringify(model), { level: 6 }),
  };
  for (const report of input.reports) {
    const content = redactor.scrub(report.content);
    files[`readiness/${safeName(report.name)}`] = strToU8(content);
    if (input.renderReport) files[`readiness/${safeName(report.name).replace(/\.json$/, '')}.html`] = strToU8(input.renderReport(content, model, records));
  }
  const last = records.at(-1);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    app: APP_VERSION,
    created: now.toISOString(),
    session: {
      id: input.header.id,
      chargerId: input.header.chargerId,
      source: input.header.source,
      started: input.header.started,
      ended: last?.at ?? null,
      frames: records.filter((r) => r.t === 'frame').length,
      events: records.filter((r) => r.t === 'event').length,
    },
    hideIdTags: options.hideIdTags,
    redactions: redactor.summary(),
    header: input.header,
    entries: Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) })),
  };
  const zippable: Zippable = { 'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { level: 0 }] };
  // The gzip files are stored as they are; the reports are deflated by the zip.
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: name.endsWith('.gz') ? 0 : 6 }];
  return { bytes: zipSync(zippable, { mtime: now }), manifest };
}

/** Reads and checks a bundle completely; throws BundleError with the reason. */
export function readBundle(bytes: Uint8Array, what = 'the file'): OpenedBundle {
  const files = unzipChecked(bytes, what);
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new BundleError(`${what} is not an OCPP Field Kit bundle: it has no manifest.json`);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as BundleManifest;
  } catch {
    throw new BundleError(`${what} is not an OCPP Field Kit bundle: its manifest.json is not JSON`);
  }
  if (manifest?.format !== BUNDLE_FORMAT) throw new BundleError(`${what} is not an OCPP Field Kit bundle (its manifest says "${String(manifest?.format)}")`);
  if (typeof manifest.version !== 'number' || manifest.version > BUNDLE_VERSION) {
    throw new BundleError(`${what} was made by a newer OCPP Field Kit (${manifest.app ?? 'unknown version'}, bundle format ${String(manifest.version)}; this is ${APP_VERSION}, format ${BUNDLE_VERSION}): update the app to open it`);
  }
  const listed = new Map((manifest.entries ?? []).map((e) => [e.name, e]));
  for (const name of Object.keys(files)) {
    if (name !== 'manifest.json' && !listed.has(name)) throw new BundleError(`${what} holds ${name}, which its manifest does not list: it was changed after export`);
  }
  for (const entry of listed.values()) {
    const content = files[entry.name];
    if (!content) throw new BundleError(`${what} is incomplete: ${entry.name} is missing`);
    if (content.length !== entry.bytes || sha256(content) !== entry.sha256) throw new BundleError(`${what} is damaged: ${entry.name} does not match its checksum`);
  }
  const sessionBytes = files[RECORDING];
  const modelBytes = files[MODEL];
  if (!sessionBytes || !modelBytes) throw new BundleError(`${what} has no recording`);
  const header = manifest.header;
  if (header?.t !== 'session') throw new BundleError(`${what}: its manifest has no session header`);
  const reports = Object.keys(files)
    .filter((name) => name.startsWith('readiness/'))
    .map((name) => ({ name: name.slice('readiness/'.length), content: strFromU8(files[name]!) }));
  let records: SessionRecord[] | undefined;
  return {
    manifest,
    header,
    model: JSON.parse(gunzipped(modelBytes, MODEL, what)) as ChargerModel,
    reports,
    get records() {
      records ??= parseSession(gunzipped(sessionBytes, RECORDING, what), `${what}: ${RECORDING}`).records;
      return records;
    },
  };
}

/** Inflates the zip after checking every entry's name and size; nothing is written anywhere. */
function unzipChecked(bytes: Uint8Array, what: string): Unzipped {
  const problems: string[] = [];
  let inflated = 0;
  let files: Unzipped;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const unsafe = unsafeName(file.name);
        if (unsafe) problems.push(`${what} has an entry named "${file.name}": ${unsafe}`);
        inflated += file.originalSize;
        if (inflated > MAX_INFLATED_BYTES) problems.push(`${what} would inflate to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB`);
        return problems.length === 0;
      },
    });
  } catch (err) {
    throw new BundleError(problems[0] ?? `${what} is not a complete zip file (truncated, damaged, or not a bundle): ${(err as Error).message}`);
  }
  if (problems.length > 0) throw new BundleError(problems[0]!);
  return files;
}

/** Why an entry name is not acceptable, or null: it must stay inside the bundle's own folder. */
function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'backslashes are not allowed in entry names';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'a path that leaves the bundle ("..")';
  if (name.includes('\0')) return 'a NUL character';
  return null;
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, '_').slice(0, 120);
}
