import type {
  addListItemsRequestSchema,
  addListItemsResponseSchema,
  alarmListResponseSchema,
  alarmResponseSchema,
  createdKeyResponseSchema,
  createdOperatorResponseSchema,
  createdUserResponseSchema,
  createListRequestSchema,
  createOperatorRequestSchema,
  createUserRequestSchema,
  currentOperatorResponseSchema,
  grantRequestSchema,
  grantResponseSchema,
  insightsMoneySchema,
  internalUserListResponseSchema,
  internalUserRequestSchema,
  internalUserSchema,
  listResponseSchema,
  listsResponseSchema,
  operatorListResponseSchema,
  planListResponseSchema,
  planResponseSchema,
  reminderListResponseSchema,
  reminderResponseSchema,
  removeListItemsResponseSchema,
  streamErrorEventSchema,
  timerListResponseSchema,
  timerResponseSchema,
  toolEventSchema,
  userDetailResponseSchema,
  userEntitlementsResponseSchema,
} from '@hark/contracts';
import type { z } from 'zod';

/**
 * Wire types of the Hark API, inferred from the zod schemas in @hark/contracts (the same
 * schemas the services validate with), so the client cannot drift from the server's shapes.
 * Only types are imported: the client loads no zod at run time.
 */

export type {
  Alarm,
  AlarmState,
  ConverseRequest,
  ConverseResponse,
  CreateAlarmRequest,
  CreateReminderRequest,
  CreateTimerRequest,
  IntentMatch,
  MeResponse,
  Operator,
  OperatorRole,
  ParseRequest,
  ParseResponse,
  Plan,
  Reminder,
  ReminderState,
  Timer,
  TimerState,
  UpdateAlarmRequest,
  UpdatePlanRequest,
  UpdateReminderRequest,
  UpdateTimerRequest,
} from '@hark/contracts';

export type TimerList = z.output<typeof timerListResponseSchema>;
export type TimerResponse = z.output<typeof timerResponseSchema>;
export type AlarmList = z.output<typeof alarmListResponseSchema>;
export type AlarmResponse = z.output<typeof alarmResponseSchema>;
export type ReminderList = z.output<typeof reminderListResponseSchema>;
export type ReminderResponse = z.output<typeof reminderResponseSchema>;

export type ListsResponse = z.output<typeof listsResponseSchema>;
export type ListResponse = z.output<typeof listResponseSchema>;
export type CreateListRequest = z.input<typeof createListRequestSchema>;
export type AddListItemsRequest = z.input<typeof addListItemsRequestSchema>;
export type AddListItemsResponse = z.output<typeof addListItemsResponseSchema>;
export type RemoveListItemsResponse = z.output<typeof removeListItemsResponseSchema>;

export type PlanList = z.output<typeof planListResponseSchema>;
export type PlanResponse = z.output<typeof planResponseSchema>;
export type GrantRequest = z.input<typeof grantRequestSchema>;
export type GrantResponse = z.output<typeof grantResponseSchema>;
export type UserEntitlements = z.output<typeof userEntitlementsResponseSchema>;

export type CreateUserRequest = z.input<typeof createUserRequestSchema>;
export type CreatedUser = z.output<typeof createdUserResponseSchema>;
export type CreatedKey = z.output<typeof createdKeyResponseSchema>;
export type UserDetail = z.output<typeof userDetailResponseSchema>;

export type CreateOperatorRequest = z.input<typeof createOperatorRequestSchema>;
/** The new operator and its token: the only time the token is shown. */
export type CreatedOperator = z.output<typeof createdOperatorResponseSchema>;
export type OperatorList = z.output<typeof operatorListResponseSchema>;
export type CurrentOperator = z.output<typeof currentOperatorResponseSchema>;

export type ToolEvent = z.output<typeof toolEventSchema>;
export type StreamError = z.output<typeof streamErrorEventSchema> & { details?: unknown };

export type { InsightsQuery, InsightsResponse, UserUsageResponse } from '@hark/contracts';
/** The money sections of the insights report (issue 21): collected revenue, MRR, customers, margin, funnel. */
export type InsightsMoney = {
  [Section in keyof typeof insightsMoneySchema]: z.output<(typeof insightsMoneySchema)[Section]>;
};
export type InternalUser = z.output<typeof internalUserSchema>;
export type InternalUserList = z.output<typeof internalUserListResponseSchema>;
export type InternalUserRequest = z.input<typeof internalUserRequestSchema>;
