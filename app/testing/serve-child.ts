/** Test support: `fieldkit serve` in a child process, with the URLs it prints. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FIELDKIT_BIN = fileURLToPath(new URL('../../bin/fieldkit.mjs', import.meta.url));

export interface ServeChild {
  readonly child: ChildProcessWithoutNullStreams;
  readonly wsUrl: string;
  readonly wssUrl: string;
  readonly uiUrl: string;
  /** Everything it printed so far. */
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServeChild(args: string[], command: 'serve' | 'relay' = 'serve', env: NodeJS.ProcessEnv = process.env): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    [FIELDKIT_BIN, command, '--host', '127.0.0.1', '--ws-port', '0', '--wss-port', '0', '--ui-port', '0', '--ftp-port', '0', ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env,
    },
  );
  let out = '';
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of watchers) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) {
          watchers.delete(check);
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`fieldkit serve did not print ${pattern} within ${timeoutMs} ms; it printed:\n${out}`));
      }, timeoutMs);
      watchers.add(check);
      check();
    });
  await waitForOutput(/Press Ctrl-C to stop\./);
  const find = (re: RegExp) => re.exec(out)?.[1] ?? '';
  return {
    child,
    wsUrl: find(/(ws:\/\/127\.0\.0\.1:\d+\/ocpp)\/CP_ID/),
    wssUrl: find(/(wss:\/\/127\.0\.0\.1:\d+\/ocpp)\/CP_ID/),
    uiUrl: find(/UI and host API: (\S+)/),
    output: () => out,
    waitForOutput,
    exited,
  };
}

/** The host API address for a tool, from the UI address fieldkit prints (http://…/#token=T → ws://…/api?token=T). */
export function apiUrlOf(openUrl: string): string {
  const url = new URL(openUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return `ws://${url.host}/api?token=${encodeURIComponent(token)}`;
}
