/**
 * Opening a session bundle in the desktop app: from the File menu, by double-clicking a .fieldkit
 * file (the file association hands its path in argv, or as macOS's open-file), or by drop in the
 * window. The file is read here in the main process and handed to the host like any command.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HostApi } from '../app/host/contract.ts';
import { BUNDLE_EXTENSION } from '../app/sessions/bundle.ts';

/** The bundle a command line names (a double-click passes the file's path), or null. */
export function bundlePathIn(argv: readonly string[]): string | null {
  return [...argv].reverse().find((a) => !a.startsWith('-') && a.toLowerCase().endsWith(BUNDLE_EXTENSION)) ?? null;
}

/** Opens the bundle at path read-only: the charger id it is shown under, or why it could not be. */
export async function openBundleFile(
  host: HostApi,
  path: string,
): Promise<{ readonly ok: true; readonly chargerId: string } | { readonly ok: false; readonly reason: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { ok: false, reason: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    const opened = await host.invoke('bundle.open', { name: basename(path).replace(/[/\\]/g, '_'), contentBase64: bytes.toString('base64') });
    return { ok: true, chargerId: opened.chargerId };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}
