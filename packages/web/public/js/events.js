// GET /v1/events read with fetch (EventSource cannot send the Bearer header), reconnecting
// with Last-Event-ID so events that happened while the connection was down are replayed.
import { errorFromResponse } from './api.js';
import { frameJson, readEventStream, SseParser } from './sse-parser.js';

const DEFAULT_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

export class DeviceEventStream {
  /**
   * @param {import('./api.js').HarkApi} api
   * @param {{onEvent(type: string, item: object): void, onOpen?(first: boolean): void,
   *          onMissed?(): void, onStatus?(status: string, error?: Error): void}} handlers
   */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.lastEventId = '';
    this.controller = null;
    this.failures = 0;
    this.opened = false;
  }

  start() {
    if (this.controller) return;
    this.controller = new AbortController();
    void this.#run(this.controller.signal);
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
    this.lastEventId = '';
    this.opened = false;
  }

  async #run(signal) {
    let retryMs = DEFAULT_RETRY_MS;
    while (!signal.aborted) {
      try {
        retryMs = (await this.#connect(signal)) ?? retryMs;
        this.failures = 0;
        this.handlers.onStatus?.('reconnecting');
      } catch (error) {
        if (signal.aborted) return;
        this.failures += 1;
        this.handlers.onStatus?.('offline', error);
        // A refused key will not get better by retrying: wait for a new one.
        if (error?.status === 401) return;
      }
      // Back off on repeated failures, so a server that is down is not hammered.
      const wait = Math.min(MAX_RETRY_MS, retryMs * 2 ** Math.max(0, this.failures - 1));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** One connection; resolves the server's retry delay when the stream ends. */
  async #connect(signal) {
    const headers = { accept: 'text/event-stream' };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    const response = await this.api.fetch('/v1/events', { headers, signal });
    if (!response.ok) throw await errorFromResponse(response);
    const first = !this.opened;
    this.opened = true;
    this.handlers.onStatus?.('live');
    this.handlers.onOpen?.(first);
    const parser = new SseParser();
    await readEventStream(response, (frame) => this.#frame(frame), parser);
    return parser.retry;
  }

  #frame(frame) {
    if (frame.id) this.lastEventId = frame.id;
    if (frame.event === 'events.missed') {
      this.handlers.onMissed?.();
      return;
    }
    const payload = frameJson(frame);
    if (payload && typeof payload.type === 'string') this.handlers.onEvent(payload.type, payload.data ?? {});
  }
}
