import type { Alarm, Reminder, Timer } from '../../types.js';
import { type Command, type CommandContext, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatDuration, formatInstant, formatTable } from '../format.js';

const stateOption = { state: { type: 'string' } } as const;

function noArgs(context: CommandContext): void {
  if (context.args.length > 0) throw new UsageError(`unexpected argument "${context.args[0]}"`);
}

/** Time left of a timer: as of the answer while ON, as kept while PAUSED, none once it ended. */
export function timerLeft(timer: Timer): string {
  if ((timer.state !== 'ON' && timer.state !== 'PAUSED') || timer.remainingMs === null) return '-';
  return formatDuration(Math.ceil(timer.remainingMs / 1000));
}

export function timerRows(timers: readonly Timer[], now = new Date()): string {
  const rows = timers.map((timer) => [
    timer.id,
    timer.name,
    timer.state,
    formatDuration(timer.durationSeconds),
    timerLeft(timer),
    timer.state === 'ON' || timer.state === 'FINISHED' ? formatInstant(timer.dueAt, { now }) : '-',
  ]);
  return formatTable(rows, ['ID', 'NAME', 'STATE', 'LENGTH', 'LEFT', 'DUE']);
}

export function alarmRows(alarms: readonly Alarm[], now = new Date()): string {
  const rows = alarms.map((alarm) => [
    alarm.id,
    alarm.time,
    alarm.repeat ?? alarm.date ?? 'once',
    alarm.label,
    alarm.state,
    formatInstant(alarm.ringsAt, { now }),
  ]);
  return formatTable(rows, ['ID', 'TIME', 'WHEN', 'LABEL', 'STATE', 'RINGS']);
}

export function reminderRows(reminders: readonly Reminder[], now = new Date()): string {
  const rows = reminders.map((reminder) => [
    reminder.id,
    reminder.text,
    reminder.state,
    formatInstant(reminder.dueAt, { now }),
  ]);
  return formatTable(rows, ['ID', 'TEXT', 'STATE', 'DUE']);
}

export const timersCommand: Command = {
  name: 'timers',
  summary: 'Your timers: name, state, length, time left',
  options: stateOption,
  optionHelp: [['--state <state>', 'Only ON, PAUSED, FINISHED or CANCELLED timers']],
  credential: 'user',
  async run(context) {
    noArgs(context);
    const state = stringOption(context.options, 'state') as Timer['state'] | undefined;
    const result = await context.client.timers.list({ state }, { signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(result.timers.length > 0 ? timerRows(result.timers) : 'no timers');
    return undefined;
  },
};

export const alarmsCommand: Command = {
  name: 'alarms',
  summary: 'Your alarms: time, repeat, label, state, next ring',
  options: stateOption,
  optionHelp: [['--state <state>', 'Only SCHEDULED, RINGING, SNOOZED, DONE or CANCELLED alarms']],
  credential: 'user',
  async run(context) {
    noArgs(context);
    const state = stringOption(context.options, 'state') as Alarm['state'] | undefined;
    const result = await context.client.alarms.list({ state }, { signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(result.alarms.length > 0 ? alarmRows(result.alarms) : 'no alarms');
    return undefined;
  },
};

export const remindersCommand: Command = {
  name: 'reminders',
  summary: 'Your reminders: text, state, when due',
  options: stateOption,
  optionHelp: [['--state <state>', 'Only SCHEDULED, DONE or CANCELLED reminders']],
  credential: 'user',
  async run(context) {
    noArgs(context);
    const state = stringOption(context.options, 'state') as Reminder['state'] | undefined;
    const result = await context.client.reminders.list({ state }, { signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(result.reminders.length > 0 ? reminderRows(result.reminders) : 'no reminders');
    return undefined;
  },
};

export const listsCommand: Command = {
  name: 'lists',
  args: '[<name>]',
  summary: 'Your lists with their item counts, or the items of one list',
  description: ['Example: hark lists shopping', 'Names with spaces need quotes: hark lists "to do"'],
  credential: 'user',
  async run(context) {
    const name = context.args.join(' ').trim();
    const { lists } = context.client;
    if (!name) {
      const result = await lists.list({ signal: context.signal });
      if (context.json) context.output.json(result);
      else
        context.output.line(
          formatTable(
            result.lists.map((list) => [list.name, list.count]),
            ['LIST', 'ITEMS'],
          ),
        );
      return undefined;
    }
    const list = await lists.get(name, { signal: context.signal });
    if (context.json) context.output.json(list);
    else if (list.items.length === 0) context.output.line(`the ${list.name} list is empty`);
    else {
      const rows = list.items.map((item) => [item.text, formatInstant(item.addedAt)]);
      context.output.line(formatTable(rows, ['ITEM', 'ADDED']));
    }
    return undefined;
  },
};
