// The OpenAI stand-in in a process of its own, so the bench client and the service under test do
// not share its event loop. Prints one JSON line {url}, then serves until killed. With
// BENCH_CAPTURE_FILE set, the first request that offers tools is written there, so the bench can
// send exactly the same request straight to the stand-in.
import { writeFileSync } from 'node:fs';
import { type RecordedChatRequest, startOpenAiStandIn } from '@hark/testing';
import { LONG_ANSWER_CHUNK_DELAY_MS, LONG_ANSWER_MARK } from './long-answer.js';

const ANSWER =
  'Honey never spoils: archaeologists have eaten three thousand year old honey from Egyptian tombs.';
const captureFile = process.env.BENCH_CAPTURE_FILE;

const lastUserText = (request: RecordedChatRequest): string => {
  const users = request.messages.filter((message) => message.role === 'user');
  return String(users.at(-1)?.content ?? '');
};

const standIn = await startOpenAiStandIn({
  // Chunks 5 ms apart: concurrent streams overlap, and a sequential run stays short. Long answers
  // stream for about two seconds (a model speaking ~10 chunks a second), first chunk at once.
  defaultAnswer: (request) => ({
    kind: 'text',
    text: ANSWER,
    chunkDelayMs: lastUserText(request).includes(LONG_ANSWER_MARK) ? LONG_ANSWER_CHUNK_DELAY_MS : 5,
  }),
});
let captured = false;
// The bench never reads what was asked; without this the recording would grow for the whole run.
setInterval(() => {
  const withTools = standIn.requests.find((request) => request.tools.length > 0);
  if (captureFile && withTools && !captured) {
    writeFileSync(captureFile, JSON.stringify(withTools.body));
    captured = true;
  }
  standIn.reset();
}, 100).unref();
console.log(JSON.stringify({ url: standIn.url }));
