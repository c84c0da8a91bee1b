import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unusedPort } from '../../../packages/testing/src/ports.js';

export const serverEntry = fileURLToPath(new URL('../../../services/router/dist/server.js', import.meta.url));

export interface RouterProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts the built router as its own process (with `nodeArgs`, e.g. --cpu-prof) and waits until /readyz answers. */
export async function startRouterProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<RouterProcess> {
  const port = await unusedPort();
  const child = spawn(process.execPath, [...nodeArgs, serverEntry], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`router exited with ${child.exitCode}: ${output}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`router did not become ready: ${output}`);
}

/** kill -9: no shutdown hooks, no draining, as in a crash. */
export async function crash(router: RouterProcess): Promise<void> {
  router.child.kill('SIGKILL');
  await router.exited;
}
