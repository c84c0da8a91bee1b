// `hark say` on the premium path: router -> conversation service -> the OpenAI-compatible
// stand-in, streamed, so the reply must reach stdout word by word, not all at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PremiumStack, startPremiumStack } from '../e2e/support/premium-stack.js';
import { Capture, runCli } from './support/cli-run.js';

let stack: PremiumStack;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await startPremiumStack('cli-premium');
  await stack.router.listen({ host: '127.0.0.1', port: 0 });
  const { port } = stack.router.server.address() as { port: number };
  env = { HARK_URL: `http://127.0.0.1:${port}`, HARK_API_KEY: await stack.userWithKey('pam', 'premium') };
});
afterAll(() => stack.close());

describe('hark say, premium path', () => {
  it('streams the reply to stdout as the deltas arrive, then a newline', async () => {
    const reply = 'Quicksort sorts in n log n time on average, and n squared at worst.';
    stack.standIn.enqueue({ kind: 'text', text: reply, chunkDelayMs: 40 });
    const stdout = new Capture();
    const result = await runCli(['say', "what's the time complexity of quicksort"], env, { stdout });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(stdout.text).toBe(`${reply}\n`);
    // Word by word: many writes, spread over the time the stand-in took to produce them.
    const pieces = stdout.writes.filter((write) => write.text.trim() !== '');
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.at(-1)!.at - pieces[0]!.at).toBeGreaterThan(200);
  });

  it('prints the JSON answer of an LLM turn with --json', async () => {
    stack.standIn.enqueue({ kind: 'text', text: 'Paris is the capital of France.' });
    const { code, stdout } = await runCli(['say', '--json', 'which city is the capital of france'], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      handledBy: 'llm',
      reply: { text: 'Paris is the capital of France.' },
    });
  });

  it('prints the final reply after a stream that broke off, and says so on stderr', async () => {
    stack.standIn.enqueue({ kind: 'text', text: 'one two three four five six', dropAfterChunks: 3 });
    const { code, stdout, stderr } = await runCli(['say', 'write me a poem about redis'], env);
    expect(code).toBe(0);
    const [partial, final, end] = stdout.split('\n');
    expect('one two three four five six').toContain(partial!.trim());
    expect(final).toMatch(/can't reach my conversation service/);
    expect(end).toBe('');
    expect(stderr).toMatch(/broke off/);
  });
});
