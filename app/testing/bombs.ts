/**
 * Test support: compression bombs built the cheap way, so a test can make a 1.5 GB bomb in a fraction
 * of a second. A deflate block sequence of 1 MiB of zeros ends byte-aligned (sync flush) and refers
 * only to zeros, so repeating it N times and closing with an empty final block is a valid stream of
 * N MiB of zeros. Wrapped as gzip (with an honest or a lying size) or as a zip entry.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MIB = 1024 * 1024;
const EMPTY_FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** Raw deflate of `mib` MiB of zeros, and the CRC-32 of what it inflates to. */
export function zerosDeflated(mib: number): { readonly deflated: Buffer; readonly crc: number; readonly size: number } {
  const zeros = Buffer.alloc(MIB);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  return { deflated: Buffer.concat([...Array.from({ length: mib }, () => block), EMPTY_FINAL_BLOCK]), crc, size: mib * MIB };
}

/** A gzip file of `mib` MiB of zeros; claimedSize (ISIZE) defaults to the truth. */
export function gzipBomb(mib: number, claimedSize?: number): Buffer {
  const { deflated, crc, size } = zerosDeflated(mib);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((claimedSize ?? size) % 2 ** 32, 4);
  return Buffer.concat([header, deflated, trailer]);
}

/** A zip with these entries: stored ones as they are, and deflated ones given pre-compressed. */
export function handMadeZip(entries: readonly { name: string; data: Buffer; deflated?: { bytes: Buffer; crc: number; size: number } }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.deflated ? 8 : 0;
    const body = e.deflated ? e.deflated.bytes : e.data;
    const crc = e.deflated ? e.deflated.crc : crc32(e.data);
    const size = e.deflated ? e.deflated.size : e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A session recording that unpacks `mib` MiB of frames from about 1/148 of that: the first line a
 * session header, then the same MiB of MeterValues records again and again (each MiB deflated once
 * and its compressed block repeated, as for the zeros). Packs like a real session would (about 148:1,
 * inside the ratio a bundle may have), so it is opened, not refused: what it costs is what is measured.
 */
export function compressibleRecording(mib: number, header: object): { readonly gz: Buffer; readonly size: number } {
  const mv =
    '[2,"m","MeterValues",{"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"2026-11-30T09:00:00.000Z","sampledValue":[{"value":"1000","measurand":"Energy.Active.Import.Register","unit":"Wh"},{"value":"7360","measurand":"Power.Active.Import","unit":"W"}]}]}]';
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = `${JSON.stringify({ t: 'frame', seq: i + 1, at: '2026-11-30T09:00:01.000Z', charger: 'CP1', leg: 'charger', dir: 'rx', raw: `${mv}${' '.repeat(600)}`, type: 2, id: 'm', action: 'MeterValues', issues: [] })}\n`;
    if (size + line.length > MIB) break;
    lines.push(line);
    size += line.length;
  }
  const chunk = Buffer.from(lines.join(''));
  const head = Buffer.from(`${JSON.stringify(header)}\n`);
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const chunkBlock = deflateRawSync(chunk, flush);
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
  const total = head.length + chunk.length * mib;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(total % 2 ** 32, 4);
  const gz = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
    deflateRawSync(head, flush),
    ...Array.from({ length: mib }, () => chunkBlock),
    EMPTY_FINAL_BLOCK,
    trailer,
  ]);
  return { gz, size: total };
}
