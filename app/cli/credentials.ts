/**
 * Passwords for the command line without the process list: every password option has a file and an
 * environment variable beside it (`ps` shows every argument to every local user). A password typed as
 * an argument still works and is warned about once.
 */
import { EnvironmentError, UsageError, readInput } from './args.ts';

/** Where a password option may come from, in the order they win. */
export interface PasswordSources {
  readonly flag: string;
  readonly value: string | undefined;
  readonly fileFlag: string;
  readonly file: string | undefined;
  readonly envName: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The password, or null when none of the sources gives one; warns when it came from the argument. */
export function passwordFrom(sources: PasswordSources, warn: (line: string) => void): string | null {
  if (sources.value !== undefined) {
    warn(processListWarning(sources.flag, sources.fileFlag, sources.envName));
    if (sources.value === '') throw new UsageError(`${sources.flag} is empty`);
    return sources.value;
  }
  if (sources.file !== undefined) {
    const text = readInput(sources.file)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (text === '') throw new EnvironmentError(`${sources.fileFlag} ${sources.file} is empty`);
    return text;
  }
  const fromEnv = sources.env[sources.envName];
  return fromEnv === undefined || fromEnv === '' ? null : fromEnv;
}

/**
 * Charger passwords for the central system: --auth ID:PASSWORD (repeatable), --auth-file FILE (one
 * ID:PASSWORD a line, # comments) and FIELDKIT_AUTH (the same lines). Later sources add to earlier ones.
 */
export function chargerPasswords(
  auth: readonly string[] | undefined,
  authFile: string | undefined,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
): Map<string, string> {
  const passwords = new Map<string, string>();
  const add = (entry: string, where: string) => {
    const colon = entry.indexOf(':');
    if (colon <= 0 || colon === entry.length - 1) throw new UsageError(`${where} wants ID:PASSWORD, got "${entry.replace(/:.*/, ':…')}"`);
    passwords.set(entry.slice(0, colon), entry.slice(colon + 1));
  };
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  if (env.FIELDKIT_AUTH) for (const line of lines(env.FIELDKIT_AUTH)) add(line, 'FIELDKIT_AUTH');
  if (authFile !== undefined) {
    const found = lines(readInput(authFile).toString('utf8'));
    if (found.length === 0) throw new EnvironmentError(`--auth-file ${authFile} holds no ID:PASSWORD line`);
    for (const line of found) add(line, `--auth-file ${authFile}`);
  }
  if (auth && auth.length > 0) {
    warn(processListWarning('--auth', '--auth-file', 'FIELDKIT_AUTH'));
    for (const entry of auth) add(entry, '--auth');
  }
  return passwords;
}

function processListWarning(flag: string, fileFlag: string, envName: string): string {
  return `note: ${flag} shows the password to every local user in the process list; ${fileFlag} FILE or ${envName} keep it out`;
}
