import { NamedError } from '../lib/named-error.ts';
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SecurityProfile } from '../central/client-certificate.ts';

/**
 * The exit status of every command, one per cause (`fieldkit help` lists them): 0 done (a check:
 * ready), 1 a check found the charger not ready, or an error of the app, 2 a mistake in the command
 * line or a machine not as the command needs it (a port in use, a file that cannot be read), 3 a
 * check that could not judge every required check.
 */
export const EXIT_CODES = `exit status (every command):
  0  done (check: READY)
  1  check: NOT READY (a required check failed); any command: an error of the app itself
  2  a mistake in the command line (an unknown option, a number out of range), or the machine is not as
     the command needs it (a port already in use, a file that cannot be read)
  3  check: INCOMPLETE (a required check could not be judged)
  130  stopped with a second Ctrl-C`;

/**
 * Node's parseArgs, reading a negative number as an option's value ("--ws-port -1" is a value to be
 * judged, not "an ambiguous argument"): each option then says in its own words what it wants.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T & { readonly args: readonly string[] }): ReturnType<typeof parseArgs<T>> {
  const options = config.options ?? {};
  const args: string[] = [];
  for (let i = 0; i < config.args.length; i++) {
    const arg = config.args[i]!;
    const next = config.args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d|^-\.\d|^-$/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return parseArgs({ ...config, args } as T) as ReturnType<typeof parseArgs<T>>;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends NamedError {}

export function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} wants a port 1–65535 (or 0 for any free one), not "${value}"`);
  return port;
}

/** The machine is not as the command needs it (a port in use, an unreadable file): exit code 2, no usage. */
export class EnvironmentError extends NamedError {}

/** A number of seconds (or a count) that must be above 0; `unit` words it in the message ("seconds"). */
export function positiveNumber(value: string | undefined, fallback: number, flag: string, unit = ''): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number${unit ? ` of ${unit}` : ''}, not "${value}"`);
  return n;
}

/** A file the user named, or an EnvironmentError saying why it cannot be read. */
export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new EnvironmentError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** `--ftp-port N` and `--ftp-passive MIN-MAX`: where the FTP server listens while a transfer is offered. */
export function ftpPorts(port: string | undefined, passive: string | undefined): { ftpPort: number; ftpPassivePorts?: readonly [number, number] } {
  const ftpPort = parsePort(port, 2121, '--ftp-port');
  if (passive === undefined) return { ftpPort };
  const match = /^(\d+)-(\d+)$/.exec(passive.trim());
  const [min, max] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || min < 1024 || max > 65535 || min > max)
    throw new UsageError(`--ftp-passive wants a port range such as 30000-30099 (1024 to 65535), got "${passive}"`);
  return { ftpPort, ftpPassivePorts: [min, max] };
}

/** `--security-profile`: 2 (Basic Auth over wss) or 3 (client certificates); undefined when not given. */
export function securityProfileOption(value: string | undefined): SecurityProfile | undefined {
  if (value === undefined) return undefined;
  if (value === '2' || value === '3') return Number(value) as SecurityProfile;
  throw new UsageError(`--security-profile wants 2 (Basic Auth) or 3 (client certificates), not "${value}"`);
}

/** `--firmware-scheme` / `--diagnostics-scheme`: http, ftp or auto. */
export function transferScheme(value: string | undefined, fallback: 'http' | 'ftp' | 'auto', flag: string): 'http' | 'ftp' | 'auto' {
  if (value === undefined) return fallback;
  if (value === 'http' || value === 'ftp' || value === 'auto') return value;
  throw new UsageError(`${flag} wants http, ftp or auto, not "${value}"`);
}
