import type { InternalUser, InternalUserList } from '../../types.js';
import { type CommandContext, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatInstant, formatTable } from '../format.js';

/**
 * `hark admin users internal <user> on|off [--note text]` and `hark admin users internal list`:
 * users marked internal or test are left out of every insight (docs/INSIGHTS.md).
 */

const USAGE =
  'expected: hark admin users internal <user> on|off [--note text], or hark admin users internal list';

export function describeInternalUsers(list: InternalUserList): string {
  if (list.users.length === 0) return 'no user is marked internal';
  return formatTable(
    list.users.map((user) => [user.userId, user.note, formatInstant(user.markedAt), user.markedBy]),
    ['USER', 'NOTE', 'MARKED', 'BY'],
  );
}

export function describeInternalMark(mark: InternalUser): string {
  if (!mark.internal) return `${mark.userId} counts in insights again (cleared by ${mark.markedBy})`;
  const note = mark.note ? ` (${mark.note})` : '';
  return `marked ${mark.userId} internal${note}: left out of insights from now on (by ${mark.markedBy})`;
}

export async function internalUsersCommand(
  context: CommandContext,
  args: readonly string[],
): Promise<undefined> {
  const { users } = context.client.admin;
  const note = stringOption(context.options, 'note');
  if (args.length === 1 && args[0] === 'list') {
    if (note !== undefined)
      throw new UsageError('--note is for marking a user: hark admin users internal <user> on');
    const list = await users.internal({ signal: context.signal });
    if (context.json) context.output.json(list);
    else context.output.line(describeInternalUsers(list));
    return undefined;
  }
  const [userId, state] = args;
  if (args.length !== 2 || !userId || (state !== 'on' && state !== 'off')) throw new UsageError(USAGE);
  if (state === 'off' && note !== undefined) throw new UsageError('--note goes with on, not off');
  const mark = await users.setInternal(
    userId,
    { internal: state === 'on', ...(note !== undefined ? { note } : {}) },
    { signal: context.signal },
  );
  if (context.json) context.output.json(mark);
  else context.output.line(describeInternalMark(mark));
  return undefined;
}
