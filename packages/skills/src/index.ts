export * from './alarms/alarm-item.js';
export { nextOccurrence } from './alarms/alarm-recurrence.js';
export { AlarmService, type SetAlarm } from './alarms/alarm-service.js';
export { createAlarmSkill } from './alarms/alarm-skill.js';
export * from './lists/list-items.js';
export { createListSkill } from './lists/list-skill.js';
export { type AddOutcome, type ListItem, ListStore, type ListSummary } from './lists/list-store.js';
export { localeRegion, preferredUnits } from './preferred-units.js';
export * from './registry.js';
export * from './reminders/reminder-item.js';
export { type CreateReminder, ReminderService, type ReminderWhen } from './reminders/reminder-service.js';
export { createReminderSkill } from './reminders/reminder-skill.js';
export * from './scheduled/limits.js';
export * from './scheduled/scheduled-items.js';
export * from './skill.js';
export * from './skill-dependencies.js';
export * from './skill-keys.js';
export { createEndSessionSkill, createHelpSkill, type RingingItems } from './system/system-skill.js';
export { thanksSkill } from './system/thanks-skill.js';
export { type ResolvedPlace, resolvePlace } from './time/city-zones.js';
export { dateSkill } from './time/date-skill.js';
export { nextHolidayDate } from './time/holidays.js';
export { timeSkill } from './time/time-skill.js';
export * from './timers/timer-item.js';
export { type StartTimer, TimerService } from './timers/timer-service.js';
export { createTimerSkill } from './timers/timer-skill.js';
export { unitsSkill } from './units/units-skill.js';
export {
  createOpenMeteoClient,
  DEFAULT_OPEN_METEO,
  OpenMeteoClient,
  type OpenMeteoSettings,
  WeatherUnavailableError,
} from './weather/open-meteo-client.js';
export { type FoundPlace, findPlace } from './weather/place-finder.js';
export { createWeatherSkill, WEATHER_UNAVAILABLE_REPLY } from './weather/weather-skill.js';
