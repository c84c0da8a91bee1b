import type { DeviceEvent } from '../../api/events.js';
import { type Command, stringOption } from '../command.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { formatDuration, formatInstant } from '../format.js';

type Item = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function describeTimer(timer: Item): string {
  const seconds = typeof timer.durationSeconds === 'number' ? formatDuration(timer.durationSeconds) : '';
  const name = str(timer.name) ? `${timer.name} timer` : 'timer';
  return [name, seconds && `(${seconds})`, str(timer.id) && `id ${timer.id}`].filter(Boolean).join(' ');
}

function describeAlarm(alarm: Item): string {
  return [
    `alarm ${alarm.time ?? ''}`.trim(),
    str(alarm.label) && `"${alarm.label}"`,
    str(alarm.id) && `id ${alarm.id}`,
  ]
    .filter(Boolean)
    .join(' ');
}

function describeReminder(reminder: Item): string {
  return [str(reminder.text) && `"${reminder.text}"`, str(reminder.id) && `id ${reminder.id}`]
    .filter(Boolean)
    .join(' ');
}

/** One line per event: when it arrived, its type, and the item it is about. */
export function describeEvent(event: DeviceEvent, now = new Date()): string {
  // The data is the item itself, as the REST routes return it; `{timer: {...}}` is accepted too.
  const item = (key: string) => {
    const nested = event.data[key];
    return (typeof nested === 'object' && nested !== null ? nested : event.data) as Item;
  };
  let about: string;
  if (event.type === 'events.missed')
    about = 'older events were trimmed while away: reload with hark timers/alarms';
  else if (event.type.startsWith('timer.')) about = describeTimer(item('timer'));
  else if (event.type.startsWith('alarm.')) about = describeAlarm(item('alarm'));
  else if (event.type.startsWith('reminder.')) about = describeReminder(item('reminder'));
  else about = JSON.stringify(event.data);
  return `${formatInstant(now.toISOString(), { now })}  ${event.type.padEnd(18)}  ${about}`;
}

const streamIdPattern = /^\d{1,20}-\d{1,20}$/;

export const listenCommand: Command = {
  name: 'listen',
  summary: 'Print your device events (timers finishing, alarms ringing, ...) as they happen, until Ctrl-C',
  description: [
    'A dropped connection is resumed where it stopped (Last-Event-ID), so no event is lost.',
    'With --json, one JSON object per line: {"id", "type", "data"}.',
  ],
  options: { since: { type: 'string' } },
  optionHelp: [['--since <event id>', 'Replay the events after this id first (an id printed with --json)']],
  credential: 'user',
  async run(context) {
    if (context.args.length > 0) throw new UsageError(`unexpected argument "${context.args[0]}"`);
    const since = stringOption(context.options, 'since');
    if (since !== undefined && !streamIdPattern.test(since)) {
      throw new UsageError(`--since takes an event id such as 1700000000000-0, got "${since}"`);
    }
    const events = context.client.events({
      ...(since ? { lastEventId: since } : {}),
      signal: context.signal,
      onOpen: () => context.output.note('listening for events; Ctrl-C stops'),
      onReconnect: ({ delayMs, error }) =>
        context.output.note(
          `connection lost${error ? ` (${error.message})` : ''}; reconnecting in ${delayMs / 1000} s`,
        ),
    });
    try {
      for await (const event of events) {
        if (context.json) context.output.line(JSON.stringify(event));
        else context.output.line(describeEvent(event));
      }
    } catch (error) {
      // Ctrl-C is how listening is meant to end.
      if (context.signal.aborted) return ExitCode.ok;
      throw error;
    }
    return undefined;
  },
};
