/**
 * Serial ports read from what the Linux kernel exposes, for machines without `udevadm` (containers,
 * minimal installs, WSL): the tty class in sysfs, with the USB vendor, product, maker and serial number
 * of the device a tty hangs off, and the stable names udev (when it ever ran) left in /dev/serial.
 * The roots are parameters so that tests can point them at a fake tree.
 */
import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The tty names serialport's own Linux lister keeps: UARTs, USB adapters, modems, Bluetooth. */
const SERIAL_NAME = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d*|rfcomm\d+)/;

export interface SysfsPort {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  /** The stable name under /dev/serial/by-id, when there is one. */
  readonly byId: string | null;
}

export interface SysfsRoots {
  /** Where sysfs is mounted: /sys. */
  readonly sys: string;
  /** Where the device nodes are: /dev. */
  readonly dev: string;
}

const SYSTEM_ROOTS: SysfsRoots = { sys: '/sys', dev: '/dev' };

/** Every serial tty the kernel shows, sorted by path; throws only when neither source can be read. */
export function listSysfsPorts(roots: SysfsRoots = SYSTEM_ROOTS): SysfsPort[] {
  const classDir = join(roots.sys, 'class', 'tty');
  const fromClass = readable(classDir) ? readdirSync(classDir).filter((name) => SERIAL_NAME.test(name) && isHardware(classDir, name)) : [];
  const byId = links(join(roots.dev, 'serial', 'by-id'));
  const byPath = links(join(roots.dev, 'serial', 'by-path'));
  if (!readable(classDir) && byId.size === 0 && byPath.size === 0) throw new Error(`neither ${classDir} nor ${join(roots.dev, 'serial')} can be read`);
  const names = new Set([...fromClass, ...byId.keys(), ...byPath.keys()]);
  return [...names].sort().map((name) => ({ path: join(roots.dev, name), byId: byId.get(name) ?? null, ...usbIdentity(classDir, name) }));
}

function readable(dir: string): boolean {
  try {
    readdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/**
 * A tty with a device behind it. The 8250 driver registers ttyS0..31 whether or not a UART exists;
 * those report port type 0 (unknown) and are left out, as udev-based listings leave them out.
 */
function isHardware(classDir: string, name: string): boolean {
  if (!existsSync(join(classDir, name, 'device'))) return false;
  if (!name.startsWith('ttyS')) return true;
  return attribute(join(classDir, name), 'type') !== '0';
}

/** tty name → link name, for the symlinks in /dev/serial/by-id or by-path. */
function links(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!readable(dir)) return found;
  for (const link of readdirSync(dir)) {
    try {
      found.set(basename(resolve(dir, readlinkSync(join(dir, link)))), link);
    } catch {
      // Not a link: nothing to learn from it.
    }
  }
  return found;
}

/** The USB device a tty hangs off: walk up from its device folder to the first one with idVendor. */
function usbIdentity(classDir: string, name: string): Omit<SysfsPort, 'path' | 'byId'> {
  const none = { manufacturer: null, serialNumber: null, vendorId: null, productId: null };
  let dir: string;
  try {
    dir = realpathSync(join(classDir, name, 'device'));
  } catch {
    return none;
  }
  for (let depth = 0; depth < 6 && dir !== dirname(dir); depth++, dir = dirname(dir)) {
    const vendorId = attribute(dir, 'idVendor');
    if (vendorId) {
      return {
        vendorId: vendorId.toLowerCase(),
        productId: attribute(dir, 'idProduct')?.toLowerCase() ?? null,
        manufacturer: attribute(dir, 'manufacturer'),
        serialNumber: attribute(dir, 'serial'),
      };
    }
  }
  return none;
}

function attribute(dir: string, name: string): string | null {
  try {
    const value = readFileSync(join(dir, name), 'utf8').trim();
    return value === '' ? null : value;
  } catch {
    return null;
  }
}
