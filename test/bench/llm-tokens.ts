/**
 * Input tokens per premium turn (issue 22): the fixed script of 50 mixed requests in 15 sessions
 * (services/conversation/src/testing/token-script.ts: chit-chat, questions, requests that need a
 * skill, follow-ups) through the real conversation service against the OpenAI stand-in, which
 * counts prompt tokens with the o200k_base tokenizer, reports OpenAI-style prompt caching, and plays
 * a model that calls the tool each turn needs when it is offered (asking `more_tools` when not).
 * Run twice: LLM_TOOL_SELECTION=all (every tool on every call, as before) and =relevant (the
 * default). Prints tokens per model call and per turn (all its calls; the target is the turn's
 * median), the cached share, turns that lost their tool, turns that ended with the skill's own
 * reply (no second model call), and the cost of a 6,000-turn month for the two default models
 * beside the plan's $5.
 */
import { loadConfig } from '@hark/core';
import { PriceList } from '../../services/conversation/src/llm/prices.js';
import {
  runTokenScript,
  summarize,
  type TokenSummary,
  TURNS_PER_MONTH,
} from '../../services/conversation/src/testing/token-turns.js';
import { round } from './lib/stats.js';

const PLAN_USD = 5;
const TARGET_MEDIAN = 900;

// The models and prices as configured here (LLM_MODEL, LLM_FALLBACK_MODELS, LLM_PRICES), else the defaults.
const priced = Object.fromEntries(
  ['LLM_MODEL', 'LLM_FALLBACK_MODELS', 'LLM_PRICES'].flatMap((name) =>
    process.env[name] ? [[name, process.env[name]]] : [],
  ),
);
const config = loadConfig({
  ...priced,
  NODE_ENV: 'test',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  INTERNAL_TOKEN: 'bench-internal-token',
});
// The configured model and its first fallback; gpt-4.1-mini where no fallback is configured.
const models = [config.LLM_MODEL, config.LLM_FALLBACK_MODELS[0] ?? 'gpt-4.1-mini'];
const prices = new PriceList(config.LLM_PRICES);

function print(selection: string, summary: TokenSummary): void {
  const { perCall, perTurn } = summary;
  console.log(
    `${selection.padEnd(8)} per call median ${perCall.median}, p90 ${perCall.p90}, max ${perCall.max} ` +
      `(${summary.modelCalls} calls) | per turn median ${perTurn.median}, p90 ${perTurn.p90}, max ${perTurn.max} | ` +
      `cached ${round(summary.cachedShare * 100, 1)}% | tool missing ${summary.missing}, more_tools rounds ${summary.askedForMore}, ` +
      `ended by the skill's reply ${summary.skillReplied}`,
  );
  const costs = models.map((model) => `${model} $${round(summary.monthUsd[model]!, 2)}`).join(', ');
  console.log(`${''.padEnd(8)} ${TURNS_PER_MONTH} turns a month: ${costs} (plan $${PLAN_USD})`);
}

const results: Record<string, TokenSummary> = {};
for (const selection of ['all', 'relevant']) {
  const reports = await runTokenScript({ LLM_TOOL_SELECTION: selection });
  results[selection] = summarize(reports, prices, models);
  print(selection, results[selection]!);
}

const relevant = results.relevant!;
// The measure is the turn: all its model calls added up.
const met = relevant.perTurn.median < TARGET_MEDIAN && relevant.missing === 0;
console.log(
  `target: median input per turn under ${TARGET_MEDIAN} tokens with no tool missing: ${met ? 'met' : 'NOT met'}`,
);
console.log(
  JSON.stringify({
    bench: 'llm-tokens',
    models,
    planUsd: PLAN_USD,
    turnsPerMonth: TURNS_PER_MONTH,
    all: results.all,
    relevant,
    targetMet: met,
  }),
);
if (!met) process.exitCode = 1;
