import { createScheduledItems, fixedLimits, ListStore } from '@hark/skills';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import { startTestConversation, type TestConversation, turnBody } from '../testing/test-conversation.js';

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation();
  service.standIn.reset();
});
afterAll(() => service?.close());

/** The timers as the router's REST routes see them: same Redis, same keys, same services. */
function timersOf(userId: string) {
  const { timers } = createScheduledItems({
    redis: service.testRedis.redis,
    keys: service.keys,
    clock: service.clock,
    schedule: { schedule: async () => {}, unschedule: async () => {} },
    limits: fixedLimits({ timer: 20, alarm: 50, reminder: 100 }),
  });
  return timers.list(userId);
}

const toolMessages = (index: number) =>
  service.standIn.requests[index]!.messages.filter((message) => message.role === 'tool');

describe('skills as tools', () => {
  it('offers the families the words point to, compact, and more_tools for the rest', async () => {
    await streamTurn(service.url, turnBody({ text: 'put oat milk on the shopping list' }));
    const tools = service.standIn.requests[0]!.tools as { function: { name: string; parameters: unknown } }[];
    const names = tools.map((tool) => tool.function.name);
    expect(names).toEqual([
      'list_add',
      'list_remove',
      'list_read',
      'list_create',
      'list_delete',
      'list_list',
      'more_tools',
    ]);
    expect(tools.find((tool) => tool.function.name === 'list_add')!.function.parameters).toEqual({
      type: 'object',
      properties: { item: { type: 'string' }, list: { type: 'string' } },
      required: ['item', 'list'],
    });
    const more = tools.at(-1)!.function.parameters as { properties: { family: { enum: string[] } } };
    expect(more.properties.family.enum).toEqual([
      'timers',
      'alarms',
      'reminders',
      'weather',
      'clock',
      'units',
      'help',
    ]);
  });

  it('offers a family the model asks for with more_tools in the next round, without a tool event', async () => {
    service.standIn.enqueue(
      { kind: 'tool_calls', calls: [{ name: 'more_tools', arguments: { family: 'timers' } }] },
      {
        kind: 'tool_calls',
        calls: [{ name: 'timer_start', arguments: { duration_seconds: 600, name: 'tea' } }],
      },
    );
    const turn = await streamTurn(
      service.url,
      turnBody({ userId: 'noor', text: 'tea needs ten, tell me when' }),
    );
    const offered = service.standIn.requests.map((request) =>
      request.tools.map((tool) => (tool as { function: { name: string } }).function.name),
    );
    expect(offered[0]).not.toContain('timer_start');
    expect(offered[1]).toContain('timer_start');
    expect(offered[1]).toContain('timer_add_time');
    expect(JSON.parse(String(toolMessages(1)[0]!.content))).toMatchObject({ ok: true });
    expect(turn.events.filter((event) => event.event === 'tool').map((event) => event.data.name)).toEqual([
      'timer_start',
    ]);
    expect(await timersOf('noor')).toMatchObject([{ name: 'tea', durationSeconds: 600 }]);
  });

  it('runs an allowed tool the model calls by name without it being offered, and offers its family next', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'units_convert', arguments: { value: 2, from: 'cups', to: 'milliliters' } }],
      },
      { kind: 'text', text: 'Just under half a liter.' },
    );
    const turn = await streamTurn(service.url, turnBody({ userId: 'omar', text: 'and for the big cake?' }));
    const offered = service.standIn.requests.map((request) =>
      request.tools.map((tool) => (tool as { function: { name: string } }).function.name),
    );
    expect(offered[0]).not.toContain('units_convert');
    expect(offered[1]).toContain('units_convert');
    expect(turn.events.find((event) => event.event === 'tool')?.data).toMatchObject({
      name: 'units_convert',
      result: { ok: true },
    });
  });

  it('offers the families of the tools the session used in its last turns', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'units_convert', arguments: { value: 2, from: 'cups', to: 'ml' } }],
      },
      { kind: 'text', text: 'About 470 milliliters.' },
    );
    await streamTurn(service.url, turnBody({ userId: 'pia', sessionId: 'cook', text: 'two cups in ml?' }));
    service.standIn.reset();
    await streamTurn(service.url, turnBody({ userId: 'pia', sessionId: 'cook', text: 'and three?' }));
    const names = service.standIn.requests[0]!.tools.map(
      (tool) => (tool as { function: { name: string } }).function.name,
    );
    expect(names).toEqual(['units_convert', 'more_tools']);
    // The context comes after the memory, right before the new message; the instructions first.
    const roles = service.standIn.requests[0]!.messages.map((message) => message.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'system', 'user']);
  });

  it('creates a real timer, the one GET /v1/timers lists and the scheduler fires', async () => {
    service.standIn.enqueue({
      kind: 'tool_calls',
      calls: [{ name: 'timer_start', arguments: { duration_seconds: 360, name: 'eggs' } }],
    });
    const turn = await streamTurn(
      service.url,
      turnBody({ userId: 'grace', text: 'set a timer for my soft-boiled eggs' }),
    );

    const tool = turn.events.find((event) => event.event === 'tool');
    expect(tool?.data).toMatchObject({
      name: 'timer_start',
      arguments: { duration_seconds: 360, name: 'eggs' },
      result: { ok: true, text: expect.stringContaining('6 minute') },
    });
    const [timer] = await timersOf('grace');
    expect(timer).toMatchObject({ name: 'eggs', durationSeconds: 360, state: 'ON', deviceId: 'kitchen' });
    expect(timer!.dueAt).toBe(Date.parse('2026-11-26T09:36:00.000Z'));
    const due = await service.testRedis.redis.zrange(service.keys.scheduleDue(), 0, -1);
    expect(due.some((member) => member.startsWith(`timer|grace|${timer!.id}|`))).toBe(true);
    // Setting a timer is an action whose skill says the whole answer: no second model call.
    expect(service.standIn.requests).toHaveLength(1);
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: (tool!.data.result as { text: string }).text },
    });
  });

  it('runs two tool rounds, each result reaching the model before the next round', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        text: 'Adding eggs.',
        calls: [{ name: 'list_add', arguments: { item: 'eggs', list: 'shopping' } }],
      },
      { kind: 'tool_calls', calls: [{ name: 'list_read', arguments: { list: 'shopping' } }] },
      { kind: 'text', text: 'Your shopping list has eggs.' },
    );
    // An action, but the model wrote text beside it: it is composing its own answer, so it is asked again.
    const turn = await streamTurn(service.url, turnBody({ userId: 'lin' }));
    expect(turn.events.filter((event) => event.event === 'tool').map((event) => event.data.name)).toEqual([
      'list_add',
      'list_read',
    ]);
    expect(service.standIn.requests).toHaveLength(3);
    expect(toolMessages(1)).toHaveLength(1);
    expect(toolMessages(2)).toHaveLength(2);
    const items = await new ListStore(service.testRedis.redis, service.keys, service.clock).items(
      'lin',
      'shopping',
    );
    expect(items.map((item) => item.text)).toEqual(['eggs']);
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: 'Adding eggs. Your shopping list has eggs.' },
    });
  });

  it('sends invalid arguments back to the model as an error result, and nothing is created', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'timer_start', arguments: '{"duration_seconds": "six minutes"}' }],
      },
      { kind: 'text', text: 'Sorry, how long should the timer be?' },
    );
    const turn = await streamTurn(service.url, turnBody({ userId: 'kay' }));
    expect(turn.events.find((event) => event.event === 'tool')?.data).toMatchObject({
      result: { ok: false, error: { code: 'HARK_ERR_VALIDATION' } },
    });
    expect(JSON.parse(String(toolMessages(1)[0]!.content))).toMatchObject({ ok: false });
    expect(await timersOf('kay')).toEqual([]);
    // A failed action is the model's to explain: it is asked again.
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: 'Sorry, how long should the timer be?' },
    });
  });

  it("offers only the plan's tools and refuses a call to any other", async () => {
    service.standIn.enqueue(
      { kind: 'tool_calls', calls: [{ name: 'list_add', arguments: { item: 'milk', list: 'shopping' } }] },
      { kind: 'text', text: 'I cannot do that.' },
    );
    const plan = {
      id: 'starter',
      features: { conversation: true },
      allowedTools: ['timer.start', 'time_get'],
    };
    const turn = await streamTurn(service.url, turnBody({ userId: 'mo', plan }));
    const offered = service.standIn.requests[0]!.tools.map(
      (tool) => (tool as { function: { name: string } }).function.name,
    );
    expect(offered.sort()).toEqual(['time_get', 'timer_start']);
    expect(turn.events.find((event) => event.event === 'tool')?.data).toMatchObject({
      result: { ok: false, error: { code: 'HARK_ERR_NOT_FOUND' } },
    });
  });
});

describe("actions end the turn with the skill's reply", () => {
  const eventNames = (turn: { events: { event: string }[] }) => turn.events.map((event) => event.event);

  it("streams the tool event, then the skill's sentence as the reply, and remembers it as said", async () => {
    service.standIn.enqueue({
      kind: 'tool_calls',
      calls: [{ name: 'list_add', arguments: { item: 'flour', list: 'shopping' } }],
    });
    const turn = await streamTurn(
      service.url,
      turnBody({ userId: 'rui', sessionId: 'bake', text: 'we need flour' }),
    );
    expect(service.standIn.requests).toHaveLength(1);
    expect(eventNames(turn)).toEqual(['tool', 'delta', 'done']);
    const said = (turn.events[0]!.data.result as { ok: boolean; text: string }).text;
    expect(said).toMatch(/flour/i);
    expect(turn.events[1]!.data).toEqual({ text: said });
    expect(turn.events[2]!.data).toMatchObject({
      reply: { text: said },
      usage: { promptTokens: expect.any(Number) },
    });

    // The next turn's model sees the whole exchange: the call, its result, and the reply heard.
    service.standIn.reset();
    await streamTurn(service.url, turnBody({ userId: 'rui', sessionId: 'bake', text: 'thanks' }));
    const remembered = service.standIn.requests[0]!.messages.slice(1, -2);
    expect(remembered.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(remembered.at(-1)).toMatchObject({ role: 'assistant', content: said });
  });

  it('still asks the model when a skill returns data it must interpret for the question', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'units_convert', arguments: { value: 2, from: 'cups', to: 'milliliters' } }],
      },
      { kind: 'text', text: 'Yes, two cups is under 500 milliliters, so the jug is big enough.' },
    );
    const turn = await streamTurn(
      service.url,
      turnBody({ userId: 'sol', text: 'will 2 cups of milk fit in my 500 ml jug?' }),
    );
    expect(service.standIn.requests).toHaveLength(2);
    expect(JSON.parse(String(toolMessages(1)[0]!.content))).toMatchObject({ ok: true });
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: 'Yes, two cups is under 500 milliliters, so the jug is big enough.' },
    });
  });

  it('still asks the model when an action comes with a lookup in the same round', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [
          { name: 'timer_start', arguments: { duration_seconds: 1_800, name: 'bread' } },
          { name: 'units_convert', arguments: { value: 350, from: 'fahrenheit', to: 'celsius' } },
        ],
      },
      { kind: 'text', text: 'Thirty minutes for the bread, at about 175 degrees.' },
    );
    const turn = await streamTurn(
      service.url,
      turnBody({
        userId: 'tam',
        text: 'bread goes in for 30 minutes at 350 fahrenheit, what is that in celsius',
      }),
    );
    expect(service.standIn.requests).toHaveLength(2);
    expect(toolMessages(1)).toHaveLength(2);
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: 'Thirty minutes for the bread, at about 175 degrees.' },
    });
  });
});

describe('LLM_TOOL_SELECTION=all', () => {
  it('offers every skill intent as a tool, and no more_tools', async () => {
    const every = await startTestConversation({ LLM_TOOL_SELECTION: 'all' });
    try {
      await streamTurn(every.url, turnBody({ text: 'put oat milk on the shopping list' }));
      const names = every.standIn.requests[0]!.tools.map(
        (tool) => (tool as { function: { name: string } }).function.name,
      );
      expect(names).toEqual(
        expect.arrayContaining(['timer_start', 'alarm_set', 'list_add', 'weather_get', 'units_convert']),
      );
      expect(names).toHaveLength(27);
      expect(names).not.toContain('system_nevermind');
      expect(names).not.toContain('more_tools');
    } finally {
      await every.close();
    }
  });
});

describe('bounded tool rounds', () => {
  it('stops offering tools after LLM_MAX_TOOL_ROUNDS, so the model must answer in words', async () => {
    const limited = await startTestConversation({ LLM_MAX_TOOL_ROUNDS: '1' });
    try {
      limited.standIn.enqueue(
        { kind: 'tool_calls', calls: [{ name: 'date_get', arguments: {} }] },
        { kind: 'text', text: 'It is Thursday.' },
      );
      const turn = await streamTurn(limited.url, turnBody());
      expect(limited.standIn.requests.map((request) => request.tools.length > 0)).toEqual([true, false]);
      expect(turn.events.at(-1)?.data).toMatchObject({ reply: { text: 'It is Thursday.' } });
    } finally {
      await limited.close();
    }
  });
});
