import type { ConverseRequest, ConverseResponse, ParseResponse } from '../../types.js';
import { type Command, type CommandContext, stringOption } from '../command.js';
import { CommandFailure, ExitCode, UsageError } from '../exit-codes.js';
import { formatFields, formatSlots, formatTable } from '../format.js';

const turnOptions = {
  locale: { type: 'string' },
  timezone: { type: 'string' },
} as const;

/** The words after the command, as one utterance: `hark say set a timer for 5 minutes` needs no quotes. */
function utterance(context: CommandContext): string {
  const text = context.args.join(' ').trim();
  if (!text) throw new UsageError('say what? e.g. hark say "set a timer for 5 minutes"');
  return text;
}

function turnRequest(context: CommandContext): ConverseRequest {
  const request: ConverseRequest = { text: utterance(context) };
  const sessionId = stringOption(context.options, 'session');
  const locale = stringOption(context.options, 'locale');
  const timezone = stringOption(context.options, 'timezone');
  if (sessionId) request.sessionId = sessionId;
  if (locale) request.locale = locale;
  if (timezone) request.timezone = timezone;
  return request;
}

/** Hints on stderr, so stdout holds the reply alone: how to answer a question, what premium would do. */
function noteAfterTurn(context: CommandContext, response: ConverseResponse): void {
  if (response.upsell)
    context.output.note(`upgrade: ${response.upsell.message} (plan "${response.upsell.plan}")`);
  if (response.expectsReply) {
    context.output.note(`(answer with: hark say --session ${response.sessionId} "...")`);
  }
}

/**
 * Ends the printed reply. A skill answers in one piece, with no deltas before it. A premium
 * answer that broke off mid-stream ends with a different reply (the fallback): print that too.
 */
function finishReply(context: CommandContext, streamed: string, response: ConverseResponse): void {
  const final = response.reply.text;
  if (!streamed) {
    if (final) context.output.write(`${final}\n`);
  } else if (streamed.trim() === final.trim()) {
    context.output.write('\n');
  } else {
    context.output.write(`\n${final}\n`);
    context.output.note('(the streamed answer broke off; the last line is the final reply)');
  }
  noteAfterTurn(context, response);
}

export const sayCommand: Command = {
  name: 'say',
  args: '<text...>',
  summary: 'One turn of conversation; the reply is printed as it is generated',
  description: [
    'Free skills (timers, alarms, weather, lists, ...) answer at once; other text goes to the',
    'premium path, whose reply streams word by word. Hints (a follow-up question, an upsell) go to stderr.',
    'Example: hark say set a pasta timer for 9 minutes',
  ],
  options: { session: { type: 'string' }, ...turnOptions },
  optionHelp: [
    ['--session <id>', 'Continue this session (answer a follow-up question)'],
    ['--timezone <zone>', 'IANA time zone for this turn, e.g. Europe/Paris'],
    ['--locale <tag>', 'BCP 47 locale, e.g. en-GB'],
  ],
  credential: 'user',
  async run(context) {
    const request = turnRequest(context);
    if (context.json) {
      context.output.json(await context.client.converse(request, { signal: context.signal }));
      return undefined;
    }
    let streamed = '';
    // Ctrl-C mid-reply: end the line, so the shell prompt does not follow the half sentence.
    context.signal.addEventListener('abort', () => streamed && context.output.write('\n'), { once: true });
    for await (const event of context.client.converseStream(request, { signal: context.signal })) {
      if (event.event === 'delta') {
        context.output.write(event.data.text);
        streamed += event.data.text;
      } else if (event.event === 'done') {
        finishReply(context, streamed, event.data);
        return undefined;
      } else if (event.event === 'error') {
        if (streamed) context.output.write('\n');
        throw new CommandFailure(`${event.data.message} (${event.data.code})`, ExitCode.apiError);
      }
    }
    throw new CommandFailure('the reply stream ended before the turn was done', ExitCode.apiError);
  },
};

function printParse(context: CommandContext, result: ParseResponse): void {
  const { intent } = result;
  if (!intent) {
    context.output.line('no intent matched (the premium path or the fallback would answer this)');
  } else {
    context.output.line(
      formatFields([
        ['intent', intent.name],
        ['confidence', intent.confidence.toFixed(2)],
      ]),
    );
    const slots = Object.entries(intent.slots);
    if (slots.length > 0) context.output.line(`\n${formatTable(slots, ['SLOT', 'VALUE'])}`);
  }
  if (result.alternatives.length > 0) {
    const rows = result.alternatives.map((match) => [
      match.name,
      match.confidence.toFixed(2),
      formatSlots(match.slots),
    ]);
    context.output.line(`\nalternatives:\n${formatTable(rows, ['INTENT', 'CONFIDENCE', 'SLOTS'])}`);
  }
}

export const parseCommand: Command = {
  name: 'parse',
  args: '<text...>',
  summary: 'Intent and slots of a sentence, and the alternatives; nothing is executed',
  description: ['Example: hark parse wake me up at 7 on weekdays'],
  options: turnOptions,
  optionHelp: [
    ['--timezone <zone>', 'IANA time zone that "tomorrow" resolves in'],
    ['--locale <tag>', 'BCP 47 locale, e.g. en-GB'],
  ],
  credential: 'user',
  async run(context) {
    const { text, locale, timezone } = turnRequest(context);
    const result = await context.client.parse({ text, locale, timezone }, { signal: context.signal });
    if (context.json) context.output.json(result);
    else printParse(context, result);
    return undefined;
  },
};
