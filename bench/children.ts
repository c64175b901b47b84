/** The bench's server children: each in its own process, announcing its port (and more) over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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

/**
 * BENCH_PROF=<child name> writes that child's CPU profile to BENCH_PROF_DIR (default ./bench-profiles);
 * BENCH_CHILD_FLAGS adds Node flags to every server child (--trace-gc, say).
 */
export function startChild<Ready = object>(name: string, env: NodeJS.ProcessEnv = {}): Promise<BenchChild<Ready>> {
  const profile = process.env.BENCH_PROF === name ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR ?? 'bench-profiles'}`] : [];
  const child = fork(fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...profile, ...(process.env.BENCH_CHILD_FLAGS?.split(' ').filter(Boolean) ?? [])],
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const ask = <T>(kind: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ kind });
    });
  return new Promise((resolve, reject) => {
    child.once('message', (ready: Ready & { port: number }) =>
      resolve({
        child,
        ready,
        stats: () => ask<ServerStats>('stats'),
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
