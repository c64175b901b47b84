/**
 * What the serial console needs from the operating system, as interfaces: native/serial.ts
 * implements them with the serialport package; app/ never imports it (docs/architecture.md).
 */
import { z } from 'zod';
import type { Said } from '../lib/message.ts';

export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  /** USB vendor and product id, 4 hex digits, lower case; null for a port that is not USB. */
  readonly vendorId: string | null;
  readonly productId: string | null;
  /** The adapter's chip in words (FTDI FT232R, Silicon Labs CP210x, WCH CH340, Prolific PL2303 …), or null. */
  readonly friendlyName: string | null;
}

export const serialSettings = z
  .object({
    baudRate: z.number().int().min(50).max(4_000_000),
    dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]),
    parity: z.enum(['none', 'even', 'odd', 'mark', 'space']),
    stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
    flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
  })
  .strict();

export type SerialSettings = z.infer<typeof serialSettings>;

/** 115200 8N1 without flow control: what almost every charger's service port uses. */
export const DEFAULT_SERIAL: SerialSettings = { baudRate: 115_200, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' };

/** An open port. Writes never throw: a port that vanished rejects with the reason. */
export interface SerialLink {
  write(data: Buffer): Promise<void>;
  /** Bytes as they arrive, stamped where they entered (wall clock ms). */
  onData(listener: (data: Buffer, at: number) => void): void;
  /** The port closed: reason null when we closed it, else why (unplugged, I/O error). */
  onClose(listener: (reason: string | null) => void): void;
  close(): Promise<void>;
}

/** Where a listing came from: the OS's device database, or the kernel's files when that is missing. */
export type SerialListingSource = 'udev' | 'sysfs' | 'system';

/** Each source in words, for the CLI and the UI. */
export const LISTING_SOURCES: Record<SerialListingSource, string> = {
  udev: "udev's device database",
  sysfs: 'the kernel (/sys/class/tty and /dev/serial)',
  system: "the operating system's port list",
};

/**
 * The ports the OS shows, where they were read from, and what went wrong on the way. A listing never
 * fails as a whole: a port that is not listed can still be opened by its path.
 */
export interface SerialListing {
  readonly ports: readonly SerialPortInfo[];
  readonly source: SerialListingSource;
  /** Why the usual source could not be used or the listing is incomplete, in words; null when all went well. */
  readonly problem: Said | null;
}

export interface SerialPorts {
  /** Never rejects: a failure is the listing's problem, with what could still be found. */
  list(): Promise<SerialListing>;
  /** Rejects with a reason a person can act on (no such port, busy, permission). */
  open(path: string, settings: SerialSettings): Promise<SerialLink>;
}
