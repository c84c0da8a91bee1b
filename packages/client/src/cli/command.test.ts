import { describe, expect, it } from 'vitest';
import { parseInvocation } from './command.js';
import { UsageError } from './exit-codes.js';
import { commands } from './main.js';

const parse = (...argv: string[]) => parseInvocation(argv, commands);
const command = (...argv: string[]) => {
  const invocation = parse(...argv);
  if (invocation.kind !== 'command') throw new Error(`expected a command, got ${JSON.stringify(invocation)}`);
  return { name: invocation.command.name, args: invocation.args, options: invocation.options };
};

describe('parseInvocation', () => {
  it('joins nothing itself: positionals after the command name are its arguments', () => {
    expect(command('say', 'set', 'a', 'timer')).toMatchObject({ name: 'say', args: ['set', 'a', 'timer'] });
    expect(command('lists', 'to do')).toMatchObject({ name: 'lists', args: ['to do'] });
  });

  it('takes global options anywhere and command options after the name', () => {
    expect(command('--url', 'http://h:1', 'say', '--session', 'abc', 'hello', '--json')).toEqual({
      name: 'say',
      args: ['hello'],
      options: { url: 'http://h:1', session: 'abc', json: true },
    });
    expect(command('--key=k', 'parse', '--locale', 'en-GB', 'wake me up at 7')).toMatchObject({
      args: ['wake me up at 7'],
      options: { key: 'k', locale: 'en-GB' },
    });
  });

  it('finds two-word admin commands', () => {
    expect(command('admin', 'grant', 'ada', 'premium', '--until', '7d')).toEqual({
      name: 'admin grant',
      args: ['ada', 'premium'],
      options: { until: '7d' },
    });
    expect(command('--admin-token', 't', 'admin', 'insights', '--csv')).toMatchObject({
      name: 'admin insights',
      options: { 'admin-token': 't', csv: true },
    });
  });

  it('lets "--" end the options, for text that starts with a dash', () => {
    expect(command('say', '--', '-5 degrees in fahrenheit')).toMatchObject({
      args: ['-5 degrees in fahrenheit'],
    });
  });

  it('tells asked-for help from help shown for want of a command', () => {
    expect(parse('--help')).toEqual({ kind: 'help', topic: [], explicit: true });
    expect(parse('-h')).toEqual({ kind: 'help', topic: [], explicit: true });
    expect(parse()).toEqual({ kind: 'help', topic: [], explicit: false });
    expect(parse('help', 'say')).toEqual({ kind: 'help', topic: ['say'], explicit: true });
    expect(parse('say', '--help')).toEqual({ kind: 'help', topic: ['say'], explicit: true });
    expect(parse('admin', 'grant', '-h')).toEqual({
      kind: 'help',
      topic: ['admin', 'grant'],
      explicit: true,
    });
    expect(parse('admin')).toEqual({ kind: 'help', topic: ['admin'], explicit: false });
    expect(parse('admin', '--help')).toEqual({ kind: 'help', topic: ['admin'], explicit: true });
  });

  it('refuses unknown commands and options with a usage error', () => {
    expect(() => parse('sing')).toThrow(
      new UsageError('unknown command "sing"; `hark --help` lists the commands'),
    );
    expect(() => parse('admin', 'delete-everything')).toThrow(/unknown command "admin delete-everything"/);
    expect(() => parse('timers', '--sesion', 'x')).toThrow(UsageError);
    expect(() => parse('timers', '--sesion', 'x')).toThrow(/--sesion/);
    expect(() => parse('say', '--session')).toThrow(UsageError);
  });
});
