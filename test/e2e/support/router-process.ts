import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unusedPort } from '@hark/testing';

export const serverEntry = fileURLToPath(new URL('../../../services/router/dist/server.js', import.meta.url));

/** A built Hark service running as its own process on a free port of 127.0.0.1. */
export interface ServiceProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it has printed so far (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts a built service (`entry`, e.g. services/router/dist/server.js) as its own process, with
 * `nodeArgs` (e.g. --cpu-prof) and `env` over this process's environment, and waits until /readyz
 * answers (15 s at most; its output is in the error if it exits or never gets ready).
 */
export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  const port = await unusedPort();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, port, child, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${entry} did not become ready (is it built? npm run build): ${output}`);
}

/** The built router as its own process, once /readyz answers. */
export function startRouterProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  return startServiceProcess(serverEntry, env, nodeArgs);
}

/** kill -9: no shutdown hooks, no draining, as in a crash. */
export async function crash(router: ServiceProcess): Promise<void> {
  router.child.kill('SIGKILL');
  await router.exited;
}
