/**
 * Serial ports through the serialport package (its shipped prebuilds; nothing is compiled): listing
 * with USB ids and a friendly chip name, opening with the line settings, and a link that reports an
 * unplugged adapter as a close with the reason instead of crashing, also in the middle of a write.
 */
import { SerialPort } from 'serialport';
import type { SerialLink, SerialListing, SerialPortInfo, SerialPorts, SerialSettings } from '../app/serial/port.ts';
import { friendlyName } from '../app/serial/usb-names.ts';
import { listSysfsPorts, type SysfsPort, type SysfsRoots } from './sysfs-ports.ts';
import { msg, type Message } from '../app/lib/message.ts';
import { NamedError } from '../app/lib/named-error.ts';

/** A port that would not open, said so a person can act on it (in their language: it is a message). */
export class SerialOpenError extends NamedError {}

const hex4 = (id: string | undefined | null) => (id ? id.toLowerCase().replace(/^0x/, '').padStart(4, '0') : null);

/** What serialport's list() gives: on Linux it asks `udevadm`, elsewhere the OS's own API. */
type OsPortInfo = Awaited<ReturnType<typeof SerialPort.list>>[number];

export interface SerialListOptions {
  readonly platform?: NodeJS.Platform;
  /** The OS lister (serialport's); a test hands in one that fails as a machine without udev does. */
  readonly osList?: () => Promise<OsPortInfo[]>;
  /** Where the kernel's files are (a fake tree in tests). */
  readonly sysfs?: SysfsRoots;
}

export class NativeSerialPorts implements SerialPorts {
  constructor(private readonly listOptions: SerialListOptions = {}) {}

  async list(): Promise<SerialListing> {
    const platform = this.listOptions.platform ?? process.platform;
    const osList = this.listOptions.osList ?? (() => SerialPort.list());
    const primary = await osList().then(
      (ports) => ({ ports: ports.map(fromOs), problem: null }),
      (err: Error & { code?: string }) => ({ ports: [] as SerialPortInfo[], problem: osListFailure(err) }),
    );
    if (platform !== 'linux') {
      return {
        ports: primary.ports,
        source: 'system',
        problem: primary.problem && msg`${primary.problem}; a port can still be opened by its name (COM3, /dev/cu.usbserial-…)`,
      };
    }
    if (primary.problem === null && primary.ports.length > 0) return { ports: primary.ports, source: 'udev', problem: null };
    // udev missing, failing or empty (no udevd in a container): the kernel's own view of the ttys.
    try {
      const ports = listSysfsPorts(this.listOptions.sysfs).map(fromSysfs);
      if (primary.problem === null && ports.length === 0) return { ports: [], source: 'udev', problem: null };
      return {
        ports,
        source: 'sysfs',
        problem: msg`${primary.problem ?? msg`udev's database lists no serial ports (is udevd running?)`}; listed from /sys and /dev/serial instead`,
      };
    } catch (e) {
      if (primary.problem === null) return { ports: [], source: 'udev', problem: null };
      return { ports: [], source: 'sysfs', problem: msg`${primary.problem}, and ${(e as Error).message}; a port can still be opened by its path` };
    }
  }

  open(path: string, settings: SerialSettings): Promise<SerialLink> {
    const port = new SerialPort({
      path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      rtscts: settings.flowControl === 'rtscts',
      xon: settings.flowControl === 'xonxoff',
      xoff: settings.flowControl === 'xonxoff',
      autoOpen: false,
    });
    return new Promise((resolve, reject) => {
      port.open((err) => (err ? reject(new SerialOpenError(openFailure(path, err))) : resolve(linkOf(port))));
    });
  }
}

function fromOs(p: OsPortInfo): SerialPortInfo {
  const vendorId = hex4(p.vendorId);
  const productId = hex4(p.productId);
  return {
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
    vendorId,
    productId,
    friendlyName: friendlyName(vendorId, productId),
  };
}

function fromSysfs(p: SysfsPort): SerialPortInfo {
  const vendorId = hex4(p.vendorId);
  const productId = hex4(p.productId);
  return { path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId, productId, friendlyName: friendlyName(vendorId, productId) };
}

/** Why the OS lister failed, in words: on Linux that is almost always a missing udevadm. */
function osListFailure(err: Error & { code?: string; path?: string }): Message {
  if (err.code === 'ENOENT' && /udevadm/.test(`${err.path ?? ''} ${err.message}`)) return msg`udevadm is not installed (Debian/Ubuntu package "udev")`;
  return msg`the system's port listing failed (${err.message})`;
}

function openFailure(path: string, err: Error & { code?: string }): Message {
  const text = `${err.code ?? ''} ${err.message}`;
  if (/ENOENT|No such file|File not found/i.test(text)) return msg`${path}: no such port (unplugged, or another name?)`;
  if (/EACCES|Access denied|permission/i.test(text)) return msg`${path}: permission denied (on Linux, add your user to the "dialout" group and log in again)`;
  if (/EBUSY|lock|in use/i.test(text)) return msg`${path}: in use by another program (close the other terminal first)`;
  return msg`${path}: cannot open (${err.message})`;
}

function linkOf(port: SerialPort): SerialLink {
  const dataListeners: ((data: Buffer, at: number) => void)[] = [];
  const closeListeners: ((reason: string | null) => void)[] = [];
  let closing = false;
  let closed = false;
  let lastError: Error | undefined;
  port.on('data', (data: Buffer) => {
    const at = Date.now();
    for (const l of dataListeners) l(data, at);
  });
  // Without a listener an I/O error would be thrown: it is kept as the reason of the close that follows.
  port.on('error', (err: Error) => {
    lastError = err;
  });
  port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
    closed = true;
    const reason = closing
      ? null
      : err?.disconnected
        ? 'the port went away (adapter unplugged or device reset)'
        : ((err ?? lastError)?.message ?? 'the port closed');
    for (const l of closeListeners) l(reason);
  });
  return {
    write: (data) =>
      new Promise((resolve, reject) => {
        if (closed || !port.isOpen) return reject(new Error('the port is not open'));
        port.write(data, (err) => {
          if (err) return reject(new Error(`write failed: ${err.message}`));
          port.drain((drainErr) => (drainErr ? reject(new Error(`write failed: ${drainErr.message}`)) : resolve()));
        });
      }),
    onData: (listener) => void dataListeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        closing = true;
        if (closed || !port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
