/**
 * The bench's server children, each in its own process on the server's core (pinning.ts): the
 * TypeScript servers of bench/servers announce their port over IPC; `fieldkit serve` runs as a user
 * starts it and is read from its printed URL. CPU time and peak RSS come from /proc for every child,
 * the same way, so the figures compare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onLoadCore, onServerCore } from './pinning.ts';

export interface ServerStats {
  cpuSeconds: number;
  maxRssMb: number;
}

export interface BenchChild<Ready> {
  readonly child: ChildProcess;
  readonly ready: Ready & { port: number };
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** User + system CPU seconds and peak RSS of a process, from /proc (Linux); zeros elsewhere. */
export function procStats(pid: number): ServerStats {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSeconds: ticks / 100, maxRssMb: hwm ? Number(hwm[1]) / 1024 : 0 };
  } catch {
    return { cpuSeconds: 0, maxRssMb: 0 };
  }
}

/** Node flags for the child `name`: BENCH_CHILD_FLAGS for all, and a CPU profile for the one BENCH_PROF names. */
const nodeFlags = (name: string) => [
  ...(process.env.BENCH_PROF === name ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR ?? 'bench-profiles'}`] : []),
  ...(process.env.BENCH_CHILD_FLAGS?.split(' ').filter(Boolean) ?? []),
];

/**
 * A server of bench/servers on the server's core (or the load generator's, for what stands in for
 * the far end: the relay bench's platform). BENCH_PROF=<name> writes its CPU profile to
 * BENCH_PROF_DIR (default ./bench-profiles); BENCH_CHILD_FLAGS adds Node flags (--trace-gc, say).
 */
export function startChild<Ready = object>(name: string, env: NodeJS.ProcessEnv = {}, core: 'server' | 'load' = 'server'): Promise<BenchChild<Ready>> {
  const script = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
  const [command, ...args] = (core === 'server' ? onServerCore : onLoadCore)([process.execPath, '--import', 'tsx', ...nodeFlags(name), script]);
  // taskset execs node in its place: the same process, which finds the IPC channel spawn set up.
  const child = spawn(command!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('message', (ready: Ready & { port: number }) =>
      resolve({
        child,
        ready,
        stats: async () => procStats(child.pid!),
        stop: async () => {
          const exited = new Promise((done) => child.once('exit', done));
          child.send({ kind: 'stop' });
          await exited;
        },
      }),
    );
    child.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
}

/**
 * `fieldkit serve` exactly as a user starts it headless (the UI server up, nobody connected, frames
 * not printed), on the server's core, with a data folder of its own; ready once it printed its URLs.
 */
export function startServe(): Promise<BenchChild<object>> {
  const dataDir = mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'fieldkit-bench-serve-'));
  const bin = fileURLToPath(new URL('../bin/fieldkit.mjs', import.meta.url));
  const argv = [
    process.execPath,
    ...nodeFlags('serve'),
    bin,
    'serve',
    ...['--host', '127.0.0.1', '--ws-port', '0', '--no-wss', '--ui-port', '0', '--ftp-port', '0', '--accept-any', '--quiet', '--data', dataDir],
  ];
  const [command, ...args] = onServerCore(argv);
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      printed += chunk.toString();
      const port = /ws:\/\/127\.0\.0\.1:(\d+)\/ocpp\/CP_ID/.exec(printed)?.[1];
      if (!port || !printed.includes('Press Ctrl-C to stop.')) return;
      child.stdout!.off('data', onData);
      resolve({
        child,
        ready: { port: Number(port) },
        stats: async () => procStats(child.pid!),
        stop: async () => {
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await exited;
          rmSync(dataDir, { recursive: true, force: true });
        },
      });
    };
    child.stdout!.on('data', onData);
    // What BENCH_CHILD_FLAGS asks of it (--trace-gc, say) is printed on serve's stdout: shown, as the other children's is.
    if (process.env.BENCH_CHILD_FLAGS) child.stdout!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`fieldkit serve exited with ${code}: ${printed.slice(-500)}`)));
  });
}
