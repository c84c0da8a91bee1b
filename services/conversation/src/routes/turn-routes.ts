import {
  type ConversationStreamEvent,
  type ConversationTurnRequest,
  conversationTurnRequestSchema,
  conversationTurnResultSchema,
  errorResponseSchema,
} from '@hark/contracts';
import {
  clientErrorOf,
  frameWriter,
  HarkError,
  isValidTimeZone,
  openEventStream,
  resolveLocale,
} from '@hark/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LlmFailure } from '../llm/llm-failure.js';
import { type GrantedTurn, runTurn, type TurnServices } from '../turns/turn-runner.js';
import type { PremiumGrants } from './premium-grants.js';

const wantsEventStream = (accept: string | undefined) => accept?.includes('text/event-stream') ?? false;

/** The zone and locale as the skills expect them; the router resolved them, this only refuses nonsense. */
function checkedTurn(body: ConversationTurnRequest): ConversationTurnRequest {
  if (!isValidTimeZone(body.timeZone)) throw new HarkError('INVALID_TIMEZONE', { timezone: body.timeZone });
  return { ...body, locale: resolveLocale(body.locale) };
}

/** What the caller is told when a turn fails: catalogue errors as they are, anything else without internals. */
function clientError(error: unknown, requestId: string): HarkError {
  if (error instanceof LlmFailure) return error.toHarkError();
  return clientErrorOf(error, requestId);
}

/** Aborts the turn (and so the upstream request) when the caller hangs up before the answer is complete. */
function abortOnHangUp(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function streamTurn(
  services: TurnServices,
  turn: GrantedTurn,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const hangUp = abortOnHangUp(reply);
  const raw = openEventStream(request, reply);
  // Each delta is written as it arrives: no buffering between the model and the caller.
  const write = frameWriter(raw);
  const emit = (event: ConversationStreamEvent) => write(event.event, event.data);
  try {
    emit({ event: 'done', data: await runTurn(services, turn, emit, hangUp) });
  } catch (error) {
    if (!hangUp.aborted) {
      const failure = clientError(error, request.id);
      logFailure(request, error, failure);
      emit({ event: 'error', data: { code: failure.code, message: failure.message } });
    }
  } finally {
    // A caller that hung up may leave a half-open socket behind; nobody will read from it again.
    if (hangUp.aborted) raw.destroy();
    else raw.end();
  }
}

function logFailure(request: FastifyRequest, error: unknown, failure: HarkError): void {
  if (failure.statusCode >= 500 && !(error instanceof LlmFailure))
    request.log.error({ err: error }, 'turn failed');
  else request.log.warn({ code: failure.code, reason: failure.message }, 'turn failed');
}

/** POST /internal/turns: one premium turn, streamed as SSE or answered as JSON. */
export const turnRoutes: FastifyPluginAsyncZod<{ services: TurnServices; grants: PremiumGrants }> = async (
  app,
  { services, grants },
) => {
  // A deploy or restart lets the answers being spoken finish (server.ts bounds the wait).
  const inFlight = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };
  app.addHook('preClose', async () => {
    await Promise.allSettled([...inFlight]);
  });

  app.post(
    '/internal/turns',
    {
      schema: {
        tags: ['internal'],
        summary: 'One LLM turn with memory and skill tools (router only; x-hark-internal-token)',
        description:
          'Needs a premium grant from the router (x-hark-premium-grant) for this user and session; the ' +
          'turn runs under the plan of the grant, never one in the body (403 HARK_ERR_GRANT_INVALID). ' +
          'With Accept: text/event-stream the answer streams as SSE events delta {text}, tool {name, arguments, ' +
          'result}, then done (the JSON body below) or error {code, message}. Otherwise the whole turn is ' +
          'returned as JSON, or an error status. A caller that hangs up aborts the upstream request. Under ' +
          "the plan's monthly LLM budget (grant plan.llmBudgetMicroUsd) a turn that cannot fit even the cheapest " +
          "model's worst case is not run: 429 HARK_ERR_LLM_BUDGET_REACHED with details.resumesOn.",
        body: conversationTurnRequestSchema,
        response: {
          200: conversationTurnResultSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          429: errorResponseSchema,
          500: errorResponseSchema,
          503: errorResponseSchema,
          504: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const checked = checkedTurn(request.body);
      const { userId, sessionId } = checked;
      const grant = await grants.check(request, { use: 'turn', userId, sessionId });
      if (!grant.plan) throw new HarkError('GRANT_INVALID', { reason: 'plan' }, { reason: 'plan' });
      const turn: GrantedTurn = { ...checked, plan: grant.plan };
      if (wantsEventStream(request.headers.accept))
        return tracked(streamTurn(services, turn, request, reply));
      try {
        return await tracked(runTurn(services, turn, () => {}, abortOnHangUp(reply)));
      } catch (error) {
        if (error instanceof LlmFailure) {
          request.log.warn({ kind: error.kind, reason: error.reason }, 'turn failed upstream');
          throw error.toHarkError();
        }
        throw error;
      }
    },
  );
};
