/**
 * A charger's diagnostics files, made fit to travel in a support bundle. Diagnostics often hold the
 * charger's configuration, AuthorizationKey and card ids included, so nothing goes in unchecked:
 * - text (a log, a configuration dump) is scrubbed like the reports;
 * - a zip, a tar or a gzip is opened, each text file in it scrubbed, and packed again in the same
 *   format; files in it that are not text (a database, an image, another archive) are left out of it
 *   and named;
 * - anything else is binary and cannot be checked: left out, unless the export asks for such files
 *   as they are (and the manifest then says they were not checked).
 * Archives are opened with caps (entries, unpacked bytes): a hostile upload cannot make an export
 * unpack gigabytes.
 */
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { extract as tarExtract, pack as tarPack, type Pack } from 'tar-stream';
import { msg, render, type Message } from '../lib/message.ts';

/** Beyond these an archive is not opened (and so left out): no charger's diagnostics come near. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
export const MAX_ARCHIVE_FILES = 5_000;

export interface DiagnosticsFile {
  readonly name: string;
  readonly content: Uint8Array;
}

/** A session's diagnostics file as found on disk: its content, or why it cannot be packed. */
export type DiagnosticsSource = DiagnosticsFile | { readonly name: string; readonly bytes: number; readonly problem: string };

export type PackedHow = 'scrubbed' | 'as-is' | 'left-out';

export interface PackedDiagnostics {
  /** Its name as received. */
  readonly name: string;
  /** Its size as received. */
  readonly bytes: number;
  /** scrubbed: checked for secrets (text, or every text file of an archive); as-is: binary, packed unchecked because the export asked; left-out: not packed. */
  readonly how: PackedHow;
  /** What was done, in words (for the manifest and whoever opens the bundle): English, and as a message. */
  readonly note: string;
  readonly said: Message;
  /** Files inside an archive that were left out as not text. */
  readonly droppedFiles: readonly string[];
  /** What goes into the bundle (absent when left out). */
  readonly content?: Uint8Array;
}

export interface PackOptions {
  /** The scrubbing of free text: the bundle's redactor, so its counts include what diagnostics held. */
  readonly scrub: (text: string) => string;
  /** Pack files that cannot be checked (binary) as they are. */
  readonly includeUnchecked: boolean;
}

export async function packDiagnostics(file: DiagnosticsFile, options: PackOptions): Promise<PackedDiagnostics> {
  const { name, content } = file;
  const base = { name, bytes: content.length, droppedFiles: [] as string[] };
  const unchecked = (why: Message): PackedDiagnostics =>
    options.includeUnchecked
      ? { ...base, how: 'as-is', ...noted(msg`${why}: packed as it is, NOT checked for secrets (asked for at export)`), content }
      : { ...base, how: 'left-out', ...noted(msg`${why}: it cannot be checked for secrets, so it was left out`) };
  try {
    if (isZip(content)) {
      const { content: packed, dropped } = scrubZip(content, options.scrub);
      return { ...base, how: 'scrubbed', ...noted(archiveNote(msg`zip archive`, dropped)), droppedFiles: dropped, content: packed };
    }
    if (isGzip(content)) {
      const inner = gunzipSync(content, { maxOutputLength: MAX_UNPACKED_BYTES });
      if (isTar(inner)) {
        const { content: packed, dropped } = await scrubTar(inner, options.scrub);
        return { ...base, how: 'scrubbed', ...noted(archiveNote(msg`gzipped tar archive`, dropped)), droppedFiles: dropped, content: gzipSync(packed) };
      }
      if (isText(inner))
        return { ...base, how: 'scrubbed', ...noted(msg`gzipped text: checked for secrets`), content: gzipSync(scrubBytes(inner, options.scrub)) };
      return unchecked(msg`gzipped binary data`);
    }
    if (isTar(content)) {
      const { content: packed, dropped } = await scrubTar(content, options.scrub);
      return { ...base, how: 'scrubbed', ...noted(archiveNote(msg`tar archive`, dropped)), droppedFiles: dropped, content: packed };
    }
    if (isText(content)) return { ...base, how: 'scrubbed', ...noted(msg`text: checked for secrets`), content: scrubBytes(content, options.scrub) };
    return unchecked(msg`binary data`);
  } catch (err) {
    // A damaged or oversized archive: what is in it cannot be known, so it cannot be checked.
    return unchecked(msg`an archive that cannot be opened (${(err as Error).message})`);
  }
}

function archiveNote(what: Message, dropped: readonly string[]): Message {
  return dropped.length === 0
    ? msg`${what}: every file in it checked for secrets`
    : msg`${what}: its text files checked for secrets; ${dropped.length} file(s) that are not text left out of it`;
}

/** A note in English for the manifest's readers of old, with its message for the reader's language. */
export function noted(said: Message): { readonly note: string; readonly said: Message } {
  return { note: render(said), said };
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
/** POSIX tar: "ustar" at offset 257 of the first header block. */
const isTar = (b: Uint8Array) => b.length >= 512 && Buffer.from(b.subarray(257, 262)).toString('latin1') === 'ustar';

/**
 * Text as a person would call it: no NUL bytes, and control characters other than tab, line breaks,
 * form feed and escape (colour codes in logs) in under 1 % of the bytes.
 */
export function isText(bytes: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control <= bytes.length / 100;
}

/** Scrubs text in its own encoding: UTF-8 when it is valid UTF-8, else Latin-1 (byte for byte). */
function scrubBytes(bytes: Uint8Array, scrub: (text: string) => string): Uint8Array {
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    utf8 = null;
  }
  if (utf8 !== null) {
    const scrubbed = scrub(utf8);
    return scrubbed === utf8 ? bytes : Buffer.from(scrubbed, 'utf8');
  }
  const latin1 = Buffer.from(bytes).toString('latin1');
  const scrubbed = scrub(latin1);
  return scrubbed === latin1 ? bytes : Buffer.from(scrubbed, 'latin1');
}

function scrubZip(bytes: Uint8Array, scrub: (text: string) => string): { content: Uint8Array; dropped: string[] } {
  // Sizes come from the zip's directory before anything is inflated.
  let files = 0;
  let total = 0;
  const unpacked = unzipSync(bytes, {
    filter: (f) => {
      if (++files > MAX_ARCHIVE_FILES) throw new Error(`more than ${MAX_ARCHIVE_FILES} files`);
      total += f.originalSize;
      if (total > MAX_UNPACKED_BYTES) throw new Error(`unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`);
      return !f.name.endsWith('/');
    },
  });
  const out: Zippable = {};
  const dropped: string[] = [];
  for (const [path, content] of Object.entries(unpacked)) {
    if (isText(content)) out[path] = scrubBytes(content, scrub);
    else dropped.push(path);
  }
  return { content: zipSync(out, { level: 6 }), dropped };
}

async function scrubTar(bytes: Uint8Array, scrub: (text: string) => string): Promise<{ content: Uint8Array; dropped: string[] }> {
  const extract = tarExtract();
  const pack = tarPack();
  const dropped: string[] = [];
  let files = 0;
  const packed = collect(pack);
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      if (header.type !== 'file') {
        // Folders, links, devices: nothing of the charger's to check, and nothing that needs carrying.
        stream.resume();
        stream.on('end', next);
        return;
      }
      if (++files > MAX_ARCHIVE_FILES) return reject(new Error(`more than ${MAX_ARCHIVE_FILES} files`));
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        if (!isText(content)) {
          dropped.push(header.name);
          return next();
        }
        const scrubbed = scrubBytes(content, scrub);
        pack.entry({ name: header.name, size: scrubbed.length, mtime: header.mtime ?? new Date(0), mode: 0o644 }, Buffer.from(scrubbed), next);
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([Buffer.from(bytes)]).pipe(extract);
  });
  pack.finalize();
  return { content: await packed, dropped };
}

function collect(stream: Pack): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk) => {
      const c = chunk as Buffer;
      size += c.length;
      if (size > MAX_UNPACKED_BYTES) reject(new Error(`unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`));
      chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
