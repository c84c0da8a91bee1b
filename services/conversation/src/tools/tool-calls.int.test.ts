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
  it('offers every skill intent as a tool whose parameters come from the slot schema', async () => {
    await streamTurn(service.url, turnBody());
    const tools = service.standIn.requests[0]!.tools as { function: { name: string; parameters: unknown } }[];
    const names = tools.map((tool) => tool.function.name);
    expect(names).toEqual(
      expect.arrayContaining(['timer_start', 'alarm_set', 'list_add', 'weather_get', 'units_convert']),
    );
    expect(names).not.toContain('system_nevermind');
    expect(tools.find((tool) => tool.function.name === 'list_add')!.function.parameters).toMatchObject({
      type: 'object',
      properties: { item: { type: 'string' }, list: { type: 'string' } },
      required: ['item', 'list'],
    });
  });

  it('creates a real timer, the one GET /v1/timers lists and the scheduler fires', async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'timer_start', arguments: { duration_seconds: 360, name: 'eggs' } }],
      },
      { kind: 'text', text: 'Your egg timer is set for six minutes.' },
    );
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
    // The result went back to the model, which then answered in words.
    expect(toolMessages(1)).toHaveLength(1);
    expect(JSON.parse(String(toolMessages(1)[0]!.content))).toMatchObject({ ok: true });
    expect(turn.events.at(-1)?.data).toMatchObject({
      reply: { text: 'Your egg timer is set for six minutes.' },
    });
  });

  it('runs two tool rounds, each result reaching the model before the next round', async () => {
    service.standIn.enqueue(
      { kind: 'tool_calls', calls: [{ name: 'list_add', arguments: { item: 'eggs', list: 'shopping' } }] },
      { kind: 'tool_calls', calls: [{ name: 'list_read', arguments: { list: 'shopping' } }] },
      { kind: 'text', text: 'Your shopping list has eggs.' },
    );
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
