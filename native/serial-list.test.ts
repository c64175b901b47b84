/**
 * Listing serial ports where udevadm is missing: a fake sysfs and /dev tree shaped like a real
 * machine's (a USB FTDI adapter, a CDC-ACM modem, a UART that exists and 8250 slots that do not),
 * then the native lister falling back to it when the OS lister fails as it does without udev.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSysfsPorts, type SysfsRoots } from './sysfs-ports.ts';
import { NativeSerialPorts } from './serial.ts';
import { tempDir, until } from '../app/testing/central-fixture.ts';
import { ptyPair } from '../app/testing/pty-pair.ts';
import { DEFAULT_SERIAL } from '../app/serial/port.ts';
import { render } from '../app/lib/message.ts';
import { MESSAGES_TH } from '../app/lib/messages-th.ts';

let dir: string;
let roots: SysfsRoots;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${text}\n`);
}

/** /sys/class/tty/<name>/device → the device folder, as the kernel links it. */
function tty(name: string, deviceDir: string, attrs: Record<string, string> = {}): void {
  const classDir = join(roots.sys, 'class', 'tty', name);
  mkdirSync(classDir, { recursive: true });
  mkdirSync(deviceDir, { recursive: true });
  symlinkSync(deviceDir, join(classDir, 'device'));
  for (const [k, v] of Object.entries(attrs)) write(join(classDir, k), v);
}

before(() => {
  dir = tempDir('fieldkit-sysfs-');
  roots = { sys: join(dir, 'sys'), dev: join(dir, 'dev') };
  const usb = join(roots.sys, 'devices', 'pci0000:00', '0000:00:14.0', 'usb1');
  // An FTDI adapter: usb-serial puts the tty two levels below the USB device.
  const ftdi = join(usb, '1-2');
  write(join(ftdi, 'idVendor'), '0403');
  write(join(ftdi, 'idProduct'), '6001');
  write(join(ftdi, 'manufacturer'), 'FTDI');
  write(join(ftdi, 'serial'), 'A10K3XQ2');
  tty('ttyUSB0', join(ftdi, '1-2:1.0', 'ttyUSB0'));
  // A CDC-ACM device: the tty's device is the interface, its parent the USB device.
  const acm = join(usb, '1-3');
  write(join(acm, 'idVendor'), '2341');
  write(join(acm, 'idProduct'), '0043');
  tty('ttyACM0', join(acm, '1-3:1.0'));
  // An on-board UART that exists (type 4 = 16550A) and one 8250 slot with no UART behind it.
  tty('ttyS0', join(roots.sys, 'devices', 'pnp0', '00:01'), { type: '4' });
  tty('ttyS1', join(roots.sys, 'devices', 'platform', 'serial8250'), { type: '0' });
  // Virtual consoles have no device and are never serial ports.
  mkdirSync(join(roots.sys, 'class', 'tty', 'tty0'), { recursive: true });
  mkdirSync(join(roots.sys, 'class', 'tty', 'ptmx'), { recursive: true });
  // udev once ran here and left its stable names.
  mkdirSync(join(roots.dev, 'serial', 'by-id'), { recursive: true });
  symlinkSync('../../ttyUSB0', join(roots.dev, 'serial', 'by-id', 'usb-FTDI_FT232R_USB_UART_A10K3XQ2-if00-port0'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the kernel view lists real serial ttys with their USB identity and leaves out empty UART slots and consoles', () => {
  const ports = listSysfsPorts(roots);
  assert.deepEqual(
    ports.map((p) => p.path),
    ['ttyACM0', 'ttyS0', 'ttyUSB0'].map((n) => join(roots.dev, n)),
  );
  const ftdi = ports.find((p) => p.path.endsWith('ttyUSB0'))!;
  assert.deepEqual(ftdi, {
    path: join(roots.dev, 'ttyUSB0'),
    vendorId: '0403',
    productId: '6001',
    manufacturer: 'FTDI',
    serialNumber: 'A10K3XQ2',
    byId: 'usb-FTDI_FT232R_USB_UART_A10K3XQ2-if00-port0',
  });
  const acm = ports.find((p) => p.path.endsWith('ttyACM0'))!;
  assert.equal(acm.vendorId, '2341');
  assert.equal(acm.serialNumber, null);
  assert.equal(ports.find((p) => p.path.endsWith('ttyS0'))!.vendorId, null, 'an on-board UART has no USB identity');
});

test('a machine without sysfs or /dev/serial is an error with both places named', () => {
  assert.throws(() => listSysfsPorts({ sys: join(dir, 'nothing'), dev: join(dir, 'nothing') }), /class\/tty nor .*serial can be read/);
});

test('without udevadm the native lister falls back to the kernel, says so, and names the chips', async () => {
  const missingUdevadm = () => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT', path: 'udevadm' }));
  const listing = await new NativeSerialPorts({ platform: 'linux', osList: missingUdevadm, sysfs: roots }).list();
  assert.equal(listing.source, 'sysfs');
  assert.match(render(listing.problem!), /udevadm is not installed .*listed from \/sys and \/dev\/serial instead/);
  // The note reads in Thai too (the Console page's language), the path names as they are.
  assert.match(render(listing.problem!, MESSAGES_TH), /^[^a-z]*udevadm[\s\S]*[\u0E00-\u0E7F][\s\S]*\/sys/);
  const ftdi = listing.ports.find((p) => p.path.endsWith('ttyUSB0'))!;
  assert.equal(ftdi.friendlyName, 'FTDI FT232R');
  assert.equal(listing.ports.length, 3);
});

test('udev listing ports is used as it is; udev listing none (no udevd) lets the kernel answer', async () => {
  const udev = await new NativeSerialPorts({
    platform: 'linux',
    osList: async () => [
      { path: '/dev/ttyUSB7', vendorId: '10C4', productId: 'EA60', manufacturer: 'Silicon Labs', serialNumber: '01', pnpId: undefined, locationId: undefined },
    ],
    sysfs: roots,
  }).list();
  assert.deepEqual(udev, {
    source: 'udev',
    problem: null,
    ports: [
      { path: '/dev/ttyUSB7', vendorId: '10c4', productId: 'ea60', manufacturer: 'Silicon Labs', serialNumber: '01', friendlyName: 'Silicon Labs CP210x' },
    ],
  });
  const empty = await new NativeSerialPorts({ platform: 'linux', osList: async () => [], sysfs: roots }).list();
  assert.equal(empty.source, 'sysfs');
  assert.equal(empty.ports.length, 3);
  assert.match(render(empty.problem!), /lists no serial ports/);
});

test('when every source fails the listing says why and a pseudo-terminal still opens by its path', async () => {
  const ports = new NativeSerialPorts({
    platform: 'linux',
    osList: () => Promise.reject(new Error('udevadm exited with error code: 1')),
    sysfs: { sys: join(dir, 'none'), dev: join(dir, 'none') },
  });
  const listing = await ports.list();
  assert.deepEqual(listing.ports, []);
  assert.match(render(listing.problem!), /udevadm exited with error code: 1.*can be read; a port can still be opened by its path/);
  const pty = await ptyPair(dir, 'typed');
  try {
    const [near, far] = await Promise.all([ports.open(pty.a, DEFAULT_SERIAL), ports.open(pty.b, DEFAULT_SERIAL)]);
    const got: Buffer[] = [];
    far.onData((d) => got.push(d));
    await near.write(Buffer.from('status\r\n'));
    await until(() => Buffer.concat(got).toString() === 'status\r\n', 'the typed bytes at the far end', 10_000);
    await Promise.all([near.close(), far.close()]);
  } finally {
    await pty.close();
  }
});

test('on Windows and macOS a failed listing is a problem with the hint, not an error', async () => {
  const listing = await new NativeSerialPorts({ platform: 'win32', osList: () => Promise.reject(new Error('SetupDiGetClassDevs failed')) }).list();
  assert.deepEqual(listing.ports, []);
  assert.equal(listing.source, 'system');
  assert.match(render(listing.problem!), /SetupDiGetClassDevs failed.*opened by its name/);
});
