import { type AdminApi, adminApi } from './api/admin.js';
import { type ConversationApi, conversationApi } from './api/conversation.js';
import { type DeviceEvent, deviceEvents, type EventsOptions } from './api/events.js';
import { type ListsApi, listsApi } from './api/lists.js';
import {
  type AlarmsApi,
  alarmsApi,
  type RemindersApi,
  remindersApi,
  type TimersApi,
  timersApi,
} from './api/scheduled.js';
import { type CallOptions, type HarkClientOptions, Transport } from './transport.js';
import type { MeResponse } from './types.js';

export interface HarkClient extends ConversationApi {
  timers: TimersApi;
  alarms: AlarmsApi;
  reminders: RemindersApi;
  lists: ListsApi;
  /** Live device events (GET /v1/events); resumes with Last-Event-ID after a dropped connection. */
  events(options?: EventsOptions): AsyncGenerator<DeviceEvent>;
  /** Your plan, features, limits, usage this period and subscription (GET /v1/me). */
  me(options?: CallOptions): Promise<MeResponse>;
  /** Operator calls; need `adminToken`. */
  admin: AdminApi;
  /** The full URL of a path on this server, e.g. for a log line. */
  url(path: string): string;
}

/**
 * A typed client of the Hark HTTP API, through the router's one base URL.
 *
 * Errors: HarkApiError when the server answers with an error (its HARK_ERR_* code, status,
 * message and details); HarkNetworkError (or HarkTimeoutError) when it could not be reached
 * or did not answer within `timeoutMs`; an aborted call throws its signal's reason.
 */
export function createHarkClient(options: HarkClientOptions): HarkClient {
  const transport = new Transport(options);
  return {
    ...conversationApi(transport),
    timers: timersApi(transport),
    alarms: alarmsApi(transport),
    reminders: remindersApi(transport),
    lists: listsApi(transport),
    events: (eventOptions) => deviceEvents(transport, eventOptions),
    me: (callOptions) => transport.json({ path: '/v1/me', auth: 'user', ...callOptions }),
    admin: adminApi(transport),
    url: (path) => transport.url(path),
  };
}
