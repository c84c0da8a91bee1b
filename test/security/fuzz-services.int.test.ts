// Property-based fuzzing of the entitlement service and of the conversation service's internal
// routes, called directly as the router (or an attacker inside the network) would: every route
// from each service's own route table, hostile everything, the same rules as for the router.
import { INTERNAL_TOKEN_HEADER } from '@hark/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grantHeader,
  turnBody,
  turnGrantClaims,
} from '../../services/conversation/src/testing/test-conversation.js';
import {
  fuzzableRoutes,
  fuzzRoutes,
  fuzzSettings,
  openApiInputs,
  prototypeSnapshot,
} from './support/fuzz-harness.js';
import { type HostileStack, stackSecrets, startHostileStack } from './support/hostile-stack.js';
import { headerText } from './support/hostile-values.js';
import { type JsonSchema, schemaJson } from './support/schema-arbitrary.js';

const settings = fuzzSettings(8);
const prototypesBefore = prototypeSnapshot();
const nothing: ReadonlySet<string> = new Set();

let stack: HostileStack;
let userKey: string;
beforeAll(async () => {
  stack = await startHostileStack('fuzz-services', {
    // Every tool on every call, so the hostile model below can be fuzzed against each of them.
    env: { RATE_LIMIT_MAX: '1000000', LLM_TOOL_SELECTION: 'all' },
  });
  userKey = (await stack.userWithKey('fuzzer', 'premium')).key;
  await stack.userWithKey('other');
});
afterAll(() => stack?.close());

const knownValues = ['fuzzer', 'other', 'ghost', 'free', 'premium', 'conversation', 'voice.tts', 'resync'];

describe('fuzzing the entitlement service directly', () => {
  it('answers every hostile request to every route without a 5xx, in the documented shape', {
    timeout: 300_000,
  }, async () => {
    const app = stack.entitlements;
    const routes = fuzzableRoutes(app);
    expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining([
        'GET /v1/me',
        'PATCH /admin/plans/:id',
        'PUT /admin/users/:id/grant',
        'POST /webhooks/stripe',
      ]),
    );
    const outcome = await fuzzRoutes(
      app,
      routes,
      {
        ...openApiInputs([app]),
        templates: routes,
        knownValues,
        credentials: { user: `Bearer ${userKey}`, operator: `Bearer ${stackSecrets.ADMIN_TOKEN}` },
      },
      { ...settings, allowed503: () => nothing },
    );
    expect(outcome.failures).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(prototypeSnapshot()).toBe(prototypesBefore);
  });
});

describe("fuzzing the conversation service's internal routes", () => {
  it('answers every hostile request, with or without the internal token, without a 5xx', {
    timeout: 300_000,
  }, async () => {
    const app = stack.conversation;
    const routes = fuzzableRoutes(app);
    expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining([
        'POST /internal/turns',
        'POST /internal/speech',
        'POST /internal/transcriptions',
      ]),
    );
    const token = fc.oneof(
      { weight: 8, arbitrary: fc.constant({ [INTERNAL_TOKEN_HEADER]: stackSecrets.INTERNAL_TOKEN }) },
      { weight: 1, arbitrary: headerText.map((value) => ({ [INTERNAL_TOKEN_HEADER]: value })) },
      { weight: 1, arbitrary: fc.constant({}) },
    );
    const outcome = await fuzzRoutes(
      app,
      routes,
      {
        ...openApiInputs([app]),
        templates: routes,
        knownValues,
        // The Authorization header means nothing here; the internal token is what counts.
        credentials: { user: `Bearer ${userKey}`, operator: `Bearer ${stackSecrets.INTERNAL_TOKEN}` },
        extraHeaders: token,
      },
      { ...settings, allowed503: () => nothing },
    );
    expect(outcome.failures).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(prototypeSnapshot()).toBe(prototypesBefore);
  });
});

interface OfferedTool {
  function: { name: string; parameters: JsonSchema & { $defs?: Record<string, JsonSchema> } };
}

describe('a hostile model: tool calls with hostile arguments', () => {
  it('every skill tool turns any arguments into a result for the model, never a crash or a 5xx', {
    timeout: 300_000,
  }, async () => {
    const turn = (text: string) => {
      const body = turnBody({ userId: 'fuzzer', sessionId: 'tool-fuzz', text });
      // Each turn with its own premium grant, as the router sends it.
      const grant = grantHeader(turnGrantClaims(body), { secret: stackSecrets.INTERNAL_TOKEN });
      return stack.conversation.inject({
        method: 'POST',
        url: '/internal/turns',
        headers: {
          [INTERNAL_TOKEN_HEADER]: stackSecrets.INTERNAL_TOKEN,
          'content-type': 'application/json',
          ...grant,
        },
        payload: body,
      });
    };
    // The tools as the model is offered them: from the request the model stand-in received.
    stack.openAi.reset();
    expect((await turn('Hello')).statusCode).toBe(200);
    const offered = (stack.openAi.requests.at(-1)!.tools as unknown as OfferedTool[]).map(
      (tool) => tool.function,
    );
    expect(offered.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['timer_start', 'list_add', 'weather_get']),
    );

    const failures: string[] = [];
    for (const [index, tool] of offered.entries()) {
      const resolve = (ref: string) => tool.parameters.$defs?.[ref.replace('#/$defs/', '')];
      const property = fc.asyncProperty(schemaJson(tool.parameters, resolve), async (args) => {
        stack.openAi.reset();
        stack.openAi.enqueue(
          { kind: 'tool_calls', calls: [{ name: tool.name, arguments: args }] },
          { kind: 'text', text: 'Done.' },
        );
        const response = await turn(`Please use ${tool.name}`);
        if (response.statusCode !== 200)
          throw new Error(`answered ${response.statusCode} ${response.body.slice(0, 200)}`);
        const [event] = (
          response.json() as { tools: { result: { ok: boolean; error?: { code: string } } }[] }
        ).tools;
        if (!event) throw new Error('the tool call was not run');
        if (event.result.error?.code === 'HARK_ERR_INTERNAL') throw new Error(`the skill crashed on ${args}`);
      });
      for (const seed of settings.seeds) {
        await fc.assert(property, { seed: seed + index, numRuns: settings.runs }).catch((error: Error) => {
          failures.push(`${tool.name} (seed ${seed + index}): ${error.message.slice(0, 800)}`);
        });
      }
    }
    expect(failures).toEqual([]);
    expect(prototypeSnapshot()).toBe(prototypesBefore);
  });
});
