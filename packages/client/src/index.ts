export {
  type HarkErrorCode,
  isHarkErrorCode,
  readSseFrames,
  type SseFrame,
  type SseReadOptions,
} from '@hark/contracts';
export type { AdminApi, InsightsRange, ListUsersQuery, UserList } from './api/admin.js';
export type { ConversationApi, ConverseStreamEvent } from './api/conversation.js';
export type { DeviceEvent, EventsOptions, ReconnectInfo } from './api/events.js';
export type { ListsApi } from './api/lists.js';
export type { AlarmsApi, RemindersApi, TimersApi } from './api/scheduled.js';
export { createHarkClient, type HarkClient } from './client.js';
export {
  type ApiErrorCode,
  HarkApiError,
  HarkNetworkError,
  HarkTimeoutError,
  type HttpStatusCode,
  type UnrecognisedErrorCode,
} from './errors.js';
export { type CallOptions, DEFAULT_TIMEOUT_MS, type HarkClientOptions } from './transport.js';
export type * from './types.js';
