/**
 * The bundle support opens: one `.fieldkit` file (a zip) holding a session's recording (every leg,
 * the serial bytes), the charger model folded from it, its readiness reports (JSON and HTML), the
 * diagnostics files the charger uploaded during it (diagnostics-pack.ts), and a manifest with the app
 * version and a SHA-256 per entry. Secrets are redacted on the way out.
 * The recording and the model are gzip files stored in the zip: Node's own zlib packs and unpacks
 * them several times faster than a zip library in JavaScript, and the model (enough for the first
 * graph) is read without touching the recording.
 * Reading checks everything before anything is used: a truncated or foreign file, a wrong checksum,
 * an unknown format version, an entry name that tries to leave its folder, each is refused with its
 * reason. Reading never writes.
 */
import { NamedError } from '../lib/named-error.ts';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { createGunzip, deflateRawSync, gzipSync } from 'node:zlib';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RecordingFile } from '../store/recording-file.ts';
import { z } from 'zod';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { foldRecords } from '../charger/fold.ts';
import type { ChargerModel } from '../charger/model.ts';
import { MeterSeries } from '../charger/meter-series.ts';
import { SkewSeries } from '../charger/skew-series.ts';
import { APP_VERSION } from '../lib/version.ts';
import type { SessionHeader, SessionRecord } from '../store/records.ts';
import { Redactor, type RedactionCount, type RedactOptions } from '../store/redact.ts';
import { noted, packDiagnostics, type DiagnosticsSource, type PackedDiagnostics, type PackedHow } from './diagnostics-pack.ts';
import { msg, type Message } from '../lib/message.ts';
import { saidSchema } from '../lib/said-schema.ts';

export const BUNDLE_FORMAT = 'fieldkit-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.fieldkit';

/** Beyond these a bundle is refused before anything is inflated (a zip bomb, or not ours). */
const MAX_INFLATED_BYTES = 1_500 * 1024 * 1024;
const MAX_REPORT_BYTES = 16 * 1024 * 1024;
const MAX_DIAGNOSTICS_BYTES = 256 * 1024 * 1024;
const MAX_DIAGNOSTICS_FILES = 50;
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** What a bundle may hold in memory once open, all its entries but the recording's unpacked text and the diagnostics. */
const MAX_HELD_BYTES = 160 * 1024 * 1024;
/** A charger's model snapshot, unpacked: 400 000 samples (the cap) take ~40 MB as rows, and the rest of the model far less. */
export const MAX_MODEL_BYTES = 96 * 1024 * 1024;
const MAX_ENTRIES = 200;
/**
 * No real session packs better than this: OCPP JSON lines pack about 20 : 1, a session of nothing but
 * heartbeats about 60 : 1. Bombs pack at 1000 : 1 and more. Tiny files get a fixed allowance.
 */
const MAX_RATIO = 200;
const SMALL_FILE_ALLOWANCE = 1024 * 1024;
const RECORDING = 'session.jsonl.gz';
const MODEL = 'model.json.gz';

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
  /** The charger's diagnostics files of this session: how each was packed (or why not), and its entry. */
  readonly diagnostics?: readonly BundleDiagnostics[];
}

export interface BundleDiagnostics {
  readonly name: string;
  readonly bytes: number;
  readonly how: PackedHow;
  /** What was done, in English (older bundles have only this) … */
  readonly note: string;
  /** … and as a message, for a reader in another language. */
  readonly said?: Message;
  readonly droppedFiles: readonly string[];
  /** Its entry in the bundle (diagnostics/<name>); absent when left out. */
  readonly entry?: string;
}

/** Diagnostics files packed for a bundle, and what their scrubbing redacted. */
export interface PackedDiagnosticsSet {
  readonly files: readonly PackedDiagnostics[];
  readonly redactions: readonly RedactionCount[];
}

/**
 * Packs a session's diagnostics files for writeBundle (asynchronous: tar archives are read as
 * streams). The same redaction rules as the rest of the bundle; `includeUnchecked` packs binary
 * files that cannot be checked for secrets as they are.
 */
export async function packDiagnosticsSet(
  sources: readonly DiagnosticsSource[],
  options: RedactOptions & { readonly includeUnchecked?: boolean },
): Promise<PackedDiagnosticsSet> {
  const redactor = new Redactor(options);
  const packed: PackedDiagnostics[] = [];
  for (const source of sources.slice(0, MAX_DIAGNOSTICS_FILES)) {
    if ('problem' in source) {
      packed.push({ name: source.name, bytes: source.bytes, how: 'left-out', ...noted(msg`left out: ${source.problem}`), droppedFiles: [] });
      continue;
    }
    packed.push(await packDiagnostics(source, { scrub: (text) => redactor.scrub(text), includeUnchecked: options.includeUnchecked ?? false }));
  }
  return { files: packed, redactions: redactor.summary() };
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
  /** Renders a report's HTML (readiness/report-html.ts), given the redacted model and records; null for a file that is no report. */
  readonly renderReport?: (reportJson: string, model: ChargerModel, records: readonly SessionRecord[]) => string | null;
  /** The session's diagnostics files, already packed (packDiagnosticsSet). */
  readonly diagnostics?: PackedDiagnosticsSet;
}

export interface OpenedBundle {
  readonly manifest: BundleManifest;
  readonly header: SessionHeader;
  /**
   * The recording, unpacked to a file of its own in the background and read from there on demand
   * (never held whole: a recording of 1.5 GB costs its index). The model snapshot draws the first
   * graph without it. Rejected with the reason when it cannot be unpacked.
   */
  readonly recording: Promise<RecordingFile>;
  readonly model: ChargerModel;
  readonly reports: readonly ReportFileContent[];
  /** The diagnostics files packed with the session, as packed (scrubbed, or as they were when the export asked); read(): unpacked and checked when asked for. */
  readonly diagnostics: readonly (BundleDiagnostics & { read?: () => Uint8Array })[];
}

export interface ReadBundleOptions {
  /** Where the recording is unpacked (a folder of the app's own; the system's temporary folder when absent). */
  readonly spoolDir?: string;
}

export class BundleError extends NamedError {}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes a bundle; the recording, model and reports in it are redacted. */
export function writeBundle(input: BundleInput, options: RedactOptions, now = new Date()): { readonly bytes: Uint8Array; readonly manifest: BundleManifest } {
  const redactor = new Redactor(options);
  const records = input.records.map((r) => redactor.record(r));
  const model = foldRecords(input.header.chargerId, records);
  const recording = [JSON.stringify(input.header), ...records.map((r) => JSON.stringify(r))].join('\n') + '\n';
  const files: Record<string, Uint8Array> = {
    [RECORDING]: gzipSync(recording, { level: 6 }),
    // The samples as rows (MeterRows): as objects, a model at the sample cap was more than MAX_MODEL_BYTES.
    [MODEL]: gzipSync(JSON.stringify({ ...model, samples: model.samples.toRows() }), { level: 6 }),
  };
  for (const report of input.reports) {
    const content = redactor.scrub(report.content);
    files[`readiness/${safeName(report.name)}`] = strToU8(content);
    // A report file that is not a readiness report (damaged on disk) travels as it is, without its HTML.
    const html = input.renderReport?.(content, model, records);
    if (html) files[`readiness/${safeName(report.name).replace(/\.json$/, '')}.html`] = strToU8(html);
  }
  const diagnostics: BundleDiagnostics[] = [];
  for (const d of input.diagnostics?.files ?? []) {
    const entry = d.content ? uniqueEntry(files, `diagnostics/${safeName(d.name)}`) : undefined;
    if (entry) files[entry] = d.content!;
    diagnostics.push({
      name: d.name,
      bytes: d.bytes,
      how: d.how,
      note: d.note,
      ...(d.said ? { said: d.said } : {}),
      droppedFiles: d.droppedFiles.slice(0, 100),
      ...(entry ? { entry } : {}),
    });
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
    redactions: mergeCounts(redactor.summary(), input.diagnostics?.redactions ?? []),
    header: input.header,
    entries: Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) })),
    ...(diagnostics.length > 0 ? { diagnostics } : {}),
  };
  const zippable: Zippable = { 'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { level: 0 }] };
  // The gzip files (and diagnostics archives) are stored as they are; the reports and text are deflated by the zip.
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: storeAsIs(name, bytes) ? 0 : 6 }];
  return { bytes: zipSync(zippable, { mtime: now }), manifest };
}

/**
 * Reads and checks a bundle; throws BundleError with the reason. A bundle is hostile until proven
 * otherwise, so the order matters: the zip's directory (nothing inflated), then the manifest alone
 * (small, schema-checked), then each entry's declared size against the manifest and against a
 * compression ratio no real session reaches, and only then the bytes. The gzip files are inflated by
 * zlib off the JavaScript thread (libuv's pool) with their output capped; the recording is inflated
 * in the background and parsed only when first asked for.
 */
export async function readBundle(bytes: Uint8Array, what = 'the file', options: ReadBundleOptions = {}): Promise<OpenedBundle> {
  const directory = listZip(bytes, what);
  const manifest = readManifest(bytes, directory, what);
  const listed = new Map(manifest.entries.map((e) => [e.name, e]));
  let held = 0;
  for (const entry of directory.values()) {
    if (entry.name === 'manifest.json') continue;
    const declared = listed.get(entry.name);
    if (!declared) throw new BundleError(`${what} holds ${entry.name}, which its manifest does not list: it was changed after export`);
    if (entry.originalSize !== declared.bytes)
      throw new BundleError(`${what} is damaged: ${entry.name} does not match its checksum (its size differs from the manifest's)`);
    const limit = entry.name.startsWith('readiness/') ? MAX_REPORT_BYTES : entry.name.startsWith('diagnostics/') ? MAX_DIAGNOSTICS_BYTES : MAX_INFLATED_BYTES;
    if (entry.originalSize > limit)
      throw new BundleError(`${what}: ${entry.name} would unpack to ${mib(entry.originalSize)}, more than the ${mib(limit)} a session file may have`);
    if (entry.compression !== 0 && entry.originalSize > MAX_RATIO * Math.max(entry.size, 1)) {
      throw new BundleError(
        `${what}: ${entry.name} would unpack ${Math.round(entry.originalSize / Math.max(entry.size, 1))} times larger than it is packed: a zip bomb, not a session`,
      );
    }
    if (!entry.name.startsWith('diagnostics/')) held += entry.originalSize;
  }
  // What is unpacked into memory at open (reports, the model and the packed recording) is bounded as a whole.
  if (held > MAX_HELD_BYTES)
    throw new BundleError(`${what} would hold ${mib(held)} in memory (reports, model, recording): more than the ${mib(MAX_HELD_BYTES)} a session bundle has`);
  for (const entry of listed.values()) if (!directory.has(entry.name)) throw new BundleError(`${what} is incomplete: ${entry.name} is missing`);
  // Diagnostics stay packed until someone saves one: they may be large, and most are never opened.
  const files = extract(bytes, (name) => name !== 'manifest.json' && !name.startsWith('diagnostics/'), what);
  for (const entry of listed.values()) {
    if (entry.name.startsWith('diagnostics/')) continue;
    const content = files[entry.name]!;
    if (content.length !== entry.bytes || (await sha256Async(content)) !== entry.sha256)
      throw new BundleError(`${what} is damaged: ${entry.name} does not match its checksum`);
  }
  const sessionBytes = files[RECORDING];
  const modelBytes = files[MODEL];
  if (!sessionBytes || !modelBytes) throw new BundleError(`${what} has no recording`);
  if (gzipDeclaredSize(modelBytes, MODEL, what) > MAX_MODEL_BYTES)
    throw new BundleError(`${what}: ${MODEL} would unpack to more than the ${mib(MAX_MODEL_BYTES)} a charger's model has`);
  const snapshot = JSON.parse((await gunzipCapped(modelBytes, MODEL, what)).toString('utf8')) as Omit<ChargerModel, 'samples' | 'skew'> & {
    samples?: unknown;
    skew?: unknown;
  };
  // The samples go back into the series (rows, or the sample list of earlier bundles), each value checked on the way (the file is not trusted).
  // A snapshot written by an earlier version lacks what the model gained since: filled as "not seen".
  const heartbeats = snapshot.heartbeats as Partial<ChargerModel['heartbeats']> | undefined;
  const model: ChargerModel = {
    ...snapshot,
    heartbeats: {
      count: 0,
      lastSeq: null,
      lastAt: null,
      intervalS: null,
      ...heartbeats,
      silences: Array.isArray(heartbeats?.silences) ? heartbeats.silences : [],
      longestGapMs: typeof heartbeats?.longestGapMs === 'number' ? heartbeats.longestGapMs : 0,
    },
    samples: MeterSeries.from(snapshot.samples),
    skew: SkewSeries.from(snapshot.skew),
  };
  const reports = Object.keys(files)
    .filter((name) => name.startsWith('readiness/'))
    .map((name) => ({ name: name.slice('readiness/'.length), content: strFromU8(files[name]!) }));
  const diagnostics = (manifest.diagnostics ?? []).map((d) => {
    const entry = d.entry ? listed.get(d.entry) : undefined;
    if (d.entry && (!entry || !directory.has(d.entry))) throw new BundleError(`${what} is incomplete: ${d.entry} is missing`);
    if (!entry) return d;
    return {
      ...d,
      read: () => {
        const content = extract(bytes, (name) => name === entry.name, what)[entry.name];
        if (!content || content.length !== entry.bytes || sha256(content) !== entry.sha256)
          throw new BundleError(`${what} is damaged: ${entry.name} does not match its checksum`);
        return content;
      },
    };
  });
  // The recording's declared size is checked now, so that a gzip bomb is refused at open, not later.
  gzipDeclaredSize(sessionBytes, RECORDING, what);
  const recording = spoolRecording(sessionBytes, options.spoolDir ?? tmpdir(), what);
  // Seen by whoever asks; an unpacking that fails before anyone asks is not an unhandled rejection.
  recording.catch(() => {});
  return { manifest, header: manifest.header, model, reports, diagnostics, recording };
}

/**
 * The recording unpacked to a file of its own, as it inflates (memory stays flat whatever its size),
 * refused when it runs longer or shorter than it declares or holds a line no record has; then indexed.
 */
async function spoolRecording(packed: Uint8Array, dir: string, what: string): Promise<RecordingFile> {
  const declared = gzipDeclaredSize(packed, RECORDING, what);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `opened-${randomBytes(8).toString('hex')}.jsonl`);
  let written = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (written > declared) done(new Error(`it unpacks to more than the ${declared} bytes it declares`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.from([Buffer.from(packed.buffer, packed.byteOffset, packed.length)]),
      createGunzip(),
      counted,
      createWriteStream(file, { flags: 'wx' }),
    );
    if (written !== declared) throw new Error(`it unpacks to ${written} bytes, not the ${declared} it declares`);
    return await RecordingFile.open(file, { owned: true, hasHeader: true, what: `${what}: ${RECORDING}` });
  } catch (err) {
    rmSync(file, { force: true });
    if (err instanceof BundleError) throw err;
    const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
    throw new BundleError(`${what}: ${RECORDING} cannot be unpacked (${full ? `the disk is full in ${dir}` : (err as Error).message})`);
  }
}

/** A zip entry as its central directory declares it: nothing is inflated to know this. */
interface DeclaredEntry {
  readonly name: string;
  /** Packed size. */
  readonly size: number;
  /** Size once unpacked, as declared. */
  readonly originalSize: number;
  /** 0 stored, 8 deflated. */
  readonly compression: number;
}

/** The zip's directory, every name checked; a truncated or foreign file is refused here. */
function listZip(bytes: Uint8Array, what: string): Map<string, DeclaredEntry> {
  const entries = new Map<string, DeclaredEntry>();
  try {
    unzipSync(bytes, {
      filter: (file) => {
        const unsafe = unsafeName(file.name);
        if (unsafe) throw new BundleError(`${what} has an entry named "${file.name}": ${unsafe}`);
        if (entries.has(file.name)) throw new BundleError(`${what} holds ${file.name} twice: it was changed after export`);
        if (entries.size >= MAX_ENTRIES) throw new BundleError(`${what} holds more than ${MAX_ENTRIES} entries: not a session bundle`);
        entries.set(file.name, { name: file.name, size: file.size, originalSize: file.originalSize, compression: file.compression });
        return false;
      },
    });
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`${what} is not a complete zip file (truncated, damaged, or not a bundle): ${(err as Error).message}`);
  }
  return entries;
}

/** The entries whose names pass, unpacked (their declared sizes were checked before). */
function extract(bytes: Uint8Array, wanted: (name: string) => boolean, what: string): Unzipped {
  try {
    return unzipSync(bytes, { filter: (file) => wanted(file.name) });
  } catch (err) {
    throw new BundleError(`${what} is not a complete zip file (truncated, damaged, or not a bundle): ${(err as Error).message}`);
  }
}

const manifestSchema = z
  .object({
    format: z.string(),
    version: z.number().int(),
    app: z.string().max(100),
    created: z.string().max(40),
    session: z
      .object({
        id: z.string().max(200),
        chargerId: z.string().max(200).nullable(),
        source: z.string().max(40),
        started: z.string().max(40),
        ended: z.string().max(40).nullable(),
        frames: z.number().int().nonnegative(),
        events: z.number().int().nonnegative(),
      })
      .passthrough(),
    hideIdTags: z.boolean(),
    redactions: z.array(z.object({ kind: z.string(), what: z.string(), count: z.number() }).passthrough()).max(20),
    header: z
      .object({ t: z.literal('session'), id: z.string().max(200), chargerId: z.string().max(200).nullable(), source: z.string(), started: z.string() })
      .passthrough(),
    entries: z
      .array(z.object({ name: z.string().min(1).max(300), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict())
      .max(MAX_ENTRIES),
    diagnostics: z
      .array(
        z
          .object({
            name: z.string().min(1).max(300),
            bytes: z.number().int().nonnegative(),
            how: z.enum(['scrubbed', 'as-is', 'left-out']),
            note: z.string().max(1000),
            said: saidSchema.optional(),
            droppedFiles: z.array(z.string().max(300)).max(100),
            entry: z.string().startsWith('diagnostics/').max(300).optional(),
          })
          .strict(),
      )
      .max(MAX_DIAGNOSTICS_FILES)
      .optional(),
  })
  .passthrough();

/** The manifest alone, small and schema-checked, with a reason for each way it can be wrong. */
function readManifest(bytes: Uint8Array, directory: Map<string, DeclaredEntry>, what: string): BundleManifest {
  const declared = directory.get('manifest.json');
  if (!declared) throw new BundleError(`${what} is not an OCPP Field Kit bundle: it has no manifest.json`);
  if (declared.originalSize > MAX_MANIFEST_BYTES) throw new BundleError(`${what}: its manifest.json is ${mib(declared.originalSize)}; a real one is a few kB`);
  const manifestBytes = extract(bytes, (name) => name === 'manifest.json', what)['manifest.json'];
  if (!manifestBytes || manifestBytes.length > MAX_MANIFEST_BYTES) throw new BundleError(`${what}: its manifest.json cannot be read`);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new BundleError(`${what} is not an OCPP Field Kit bundle: its manifest.json is not JSON`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BUNDLE_FORMAT) throw new BundleError(`${what} is not an OCPP Field Kit bundle (its manifest says "${String(format)}")`);
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'number' || version > BUNDLE_VERSION) {
    const app = (json as { app?: unknown }).app;
    throw new BundleError(
      `${what} was made by a newer OCPP Field Kit (${typeof app === 'string' ? app.slice(0, 40) : 'unknown version'}, bundle format ${String(version)}; this is ${APP_VERSION}, format ${BUNDLE_VERSION}): update the app to open it`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleError(`${what} has a damaged manifest: ${issue.path.join('.') || 'the manifest'}: ${issue.message}`);
  }
  return parsed.data as unknown as BundleManifest;
}

/** The size a gzip member says it unpacks to (its ISIZE trailer), refused when no session is that compressible. */
function gzipDeclaredSize(bytes: Uint8Array, name: string, what: string): number {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BundleError(`${what}: ${name} is not a gzip file`);
  const size = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readUInt32LE(bytes.length - 4);
  if (size > MAX_RATIO * bytes.length + SMALL_FILE_ALLOWANCE)
    throw new BundleError(`${what}: ${name} would unpack ${Math.round(size / bytes.length)} times larger than it is packed: a gzip bomb, not a session`);
  return size;
}

/**
 * Inflated off the JavaScript thread into one buffer of the declared size (checked before), so the
 * peak is the session's own size: a stream that runs longer or shorter than it declares is refused.
 */
function gunzipCapped(bytes: Uint8Array, name: string, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let declared: number;
    try {
      declared = gzipDeclaredSize(bytes, name, what);
    } catch (err) {
      return reject(err as Error);
    }
    const fail = (why: string) => reject(new BundleError(`${what}: ${name} cannot be unpacked (${why})`));
    const out = Buffer.allocUnsafe(declared);
    let at = 0;
    const inflater = createGunzip();
    inflater.on('data', (chunk: Buffer) => {
      if (at + chunk.length > declared) return inflater.destroy(new Error(`it unpacks to more than the ${declared} bytes it declares`));
      chunk.copy(out, at);
      at += chunk.length;
    });
    inflater.on('error', (err) => fail(err.message));
    inflater.on('end', () => (at === declared ? resolve(out) : fail(`it unpacks to ${at} bytes, not the ${declared} it declares`)));
    inflater.end(bytes);
  });
}

async function sha256Async(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;

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

/** An entry name not taken yet: two diagnostics files may share a safe name. */
function uniqueEntry(files: Record<string, Uint8Array>, wanted: string): string {
  if (!(wanted in files)) return wanted;
  const dot = wanted.lastIndexOf('.');
  const [stem, ext] = dot > wanted.lastIndexOf('/') ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 2; ; n++) if (!(`${stem}-${n}${ext}` in files)) return `${stem}-${n}${ext}`;
}

/** Redaction counts of the records and of the diagnostics, added up by kind. */
function mergeCounts(a: readonly RedactionCount[], b: readonly RedactionCount[]): RedactionCount[] {
  const merged = new Map(a.map((c) => [c.kind, { ...c }]));
  for (const c of b) {
    const held = merged.get(c.kind);
    merged.set(c.kind, held ? { ...held, count: held.count + c.count } : { ...c });
  }
  return [...merged.values()];
}

/**
 * Entries the zip stores without deflating: what is packed already, and a diagnostics text that
 * packs better than a reader accepts (MAX_RATIO: a log of one line repeated would read as a bomb).
 */
function storeAsIs(name: string, bytes: Uint8Array): boolean {
  if (/\.(gz|tgz|zip)$/i.test(name)) return true;
  if (!name.startsWith('diagnostics/') || bytes.length < SMALL_FILE_ALLOWANCE) return false;
  return bytes.length > (MAX_RATIO / 2) * deflateRawSync(bytes, { level: 6 }).length;
}
