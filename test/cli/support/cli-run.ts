import { main } from '@hark/client/cli';

/** Text written to a stream, with a way to wait until something appears in it. */
export class Capture {
  text = '';
  /** Each write with when it happened, to tell a streamed reply from one printed at the end. */
  readonly writes: { text: string; at: number }[] = [];
  private readonly waiters = new Set<() => void>();

  write = (text: string): boolean => {
    this.text += text;
    this.writes.push({ text, at: performance.now() });
    for (const wake of this.waiters) wake();
    return true;
  };

  /** Resolves once the captured text matches, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs = 5_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.text.match(pattern);
        if (!match) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${pattern} did not appear within ${timeoutMs} ms; got:\n${this.text}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `hark` in process. `env` is all the environment it sees: no HOME, so no config file of
 * whoever runs the tests is ever read.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string>,
  io: { stdout?: Capture; stderr?: Capture; signal?: AbortSignal } = {},
): Promise<CliResult> {
  const stdout = io.stdout ?? new Capture();
  const stderr = io.stderr ?? new Capture();
  const code = await main(argv, { stdout, stderr, env, ...(io.signal ? { signal: io.signal } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
