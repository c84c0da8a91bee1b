// The OpenAI stand-in in a process of its own, so the bench client and the service under test do
// not share its event loop. Prints one JSON line {url}, then serves until killed.
import { startOpenAiStandIn } from '../../../packages/testing/src/index.js';

const ANSWER = 'Honey never spoils: archaeologists have eaten three thousand year old honey from Egyptian tombs.';

const standIn = await startOpenAiStandIn({
  // Chunks spread over ~0.3 s, so concurrent streams really are open at the same time.
  defaultAnswer: () => ({ kind: 'text', text: ANSWER, chunkDelayMs: 20 }),
});
// The bench never reads what was asked; without this the recording would grow for the whole run.
setInterval(() => standIn.reset(), 1_000).unref();
console.log(JSON.stringify({ url: standIn.url }));
