// One turn of POST /v1/converse as Server-Sent Events: `intent`, then (premium path) `delta`
// and `tool` as they arrive, then `done` with the whole response, or `error`.
import { ApiError, errorFromResponse } from './api.js';
import { frameJson, readEventStream } from './sse-parser.js';

/**
 * Sends `body` ({text, sessionId?, timezone?, locale?, deviceId?}) and calls the handlers as
 * frames arrive: onIntent({sessionId, intent}), onDelta(text), onTool({name, arguments, result}).
 * Resolves the `done` response; rejects with ApiError for an HTTP error or an `error` frame.
 */
export async function converseStreaming(api, body, handlers = {}, signal) {
  const response = await api.fetch('/v1/converse', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await errorFromResponse(response);
  // Errors before the stream opens (bad key, bad body) come back as plain JSON.
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response.json();

  let done = null;
  let failure = null;
  await readEventStream(response, (frame) => {
    const data = frameJson(frame);
    if (frame.event === 'intent') handlers.onIntent?.(data);
    else if (frame.event === 'delta' && typeof data?.text === 'string') handlers.onDelta?.(data.text);
    else if (frame.event === 'tool') handlers.onTool?.(data);
    else if (frame.event === 'done') done = data;
    else if (frame.event === 'error') {
      failure = new ApiError(500, data?.code ?? 'HARK_ERR_INTERNAL', data?.message ?? 'The turn failed.');
    }
  });
  if (failure) throw failure;
  if (!done) throw new ApiError(0, 'STREAM_ENDED', 'The reply stream ended before the answer was complete.');
  return done;
}
