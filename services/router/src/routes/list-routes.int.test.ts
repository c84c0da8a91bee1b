import { MAX_LISTS } from '@hark/skills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
let ada: string;
let bob: string;

beforeAll(async () => {
  router = await startTestRouter();
  ada = await router.userWithKey('ada');
  bob = await router.userWithKey('bob');
});
afterAll(() => router.close());

type Method = 'GET' | 'POST' | 'DELETE';
const call = (key: string, method: Method, url: string, payload?: Record<string, unknown>) =>
  router.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });
const converse = async (key: string, text: string) =>
  (await call(key, 'POST', '/v1/converse', { text })).json().reply.text as string;

describe('/v1/lists', () => {
  it('lists "shopping" for a new user, then created lists with their counts', async () => {
    expect((await call(ada, 'GET', '/v1/lists')).json()).toEqual({ lists: [{ name: 'shopping', count: 0 }] });
    const created = await call(ada, 'POST', '/v1/lists', { name: 'Packing List' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ name: 'packing', items: [] });
    await call(ada, 'POST', '/v1/lists/packing/items', { items: ['passport', 'charger'] });
    expect((await call(ada, 'GET', '/v1/lists')).json().lists).toEqual([
      { name: 'packing', count: 2 },
      { name: 'shopping', count: 0 },
    ]);
  });

  it('refuses a list that exists and names that are not names', async () => {
    await call(ada, 'POST', '/v1/lists', { name: 'books' });
    const again = await call(ada, 'POST', '/v1/lists', { name: 'Books' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HARK_ERR_CONFLICT');
    for (const name of ['', '../admin', 'x'.repeat(41)]) {
      const response = await call(ada, 'POST', '/v1/lists', { name });
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code).toBe('HARK_ERR_INVALID_LIST_NAME');
    }
    expect((await call(ada, 'POST', '/v1/lists', {})).json().error.code).toBe('HARK_ERR_VALIDATION');
  });

  it('refuses one list more than a user may have with 409 HARK_ERR_LIST_LIMIT_REACHED', async () => {
    const user = await router.userWithKey('lena');
    for (let i = 0; i < MAX_LISTS; i++) await call(user, 'POST', '/v1/lists', { name: `list ${i}` });
    const response = await call(user, 'POST', '/v1/lists', { name: 'one more' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'HARK_ERR_LIST_LIMIT_REACHED',
      message: `You already have ${MAX_LISTS} lists, the most allowed; remove some first`,
    });
    expect(await converse(user, 'start a camping list')).toBe(
      `You already have ${MAX_LISTS} lists, the most I can keep. Delete one first.`,
    );
  });

  it('deletes a list', async () => {
    await call(ada, 'POST', '/v1/lists', { name: 'old' });
    expect((await call(ada, 'DELETE', '/v1/lists/old')).statusCode).toBe(204);
    expect((await call(ada, 'DELETE', '/v1/lists/old')).statusCode).toBe(404);
    expect((await call(ada, 'GET', '/v1/lists/old/items')).statusCode).toBe(404);
  });
});

describe('/v1/lists/:name/items', () => {
  it('adds items, merging duplicates case-insensitively, and keeps their order', async () => {
    const first = await call(ada, 'POST', '/v1/lists/to%20do/items', {
      items: ['Call Mom', 'pay rent', 'call mom'],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: 'to do', added: ['Call Mom', 'pay rent'], alreadyOnList: [] });
    const second = await call(ada, 'POST', '/v1/lists/to%20do/items', { item: 'PAY RENT' });
    expect(second.json()).toMatchObject({ added: [], alreadyOnList: ['PAY RENT'] });
    const read = (await call(ada, 'GET', '/v1/lists/to%20do/items')).json();
    expect(read.items.map((item: { text: string }) => item.text)).toEqual(['Call Mom', 'pay rent']);
    expect(read.items[0].addedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('validates items', async () => {
    for (const [body, code] of [
      [{ items: ['milk', 'x'.repeat(101)] }, 'HARK_ERR_INVALID_LIST_ITEM'],
      [{ item: '   ' }, 'HARK_ERR_INVALID_LIST_ITEM'],
      [{ item: '*' }, 'HARK_ERR_INVALID_LIST_ITEM'],
      [{ items: [] }, 'HARK_ERR_VALIDATION'],
      [{ item: 'a', items: ['b'] }, 'HARK_ERR_VALIDATION'],
      [{}, 'HARK_ERR_VALIDATION'],
    ] as const) {
      const response = await call(ada, 'POST', '/v1/lists/shopping/items', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    expect((await call(ada, 'GET', '/v1/lists/shopping/items')).json().items).toEqual([]);
  });

  it('removes one item by body or query, 404 when it is not there, and clears all', async () => {
    await call(ada, 'POST', '/v1/lists/groceries/items', { items: ['eggs', 'milk', 'bread'] });
    const byBody = await call(ada, 'DELETE', '/v1/lists/groceries/items', { item: 'MILK' });
    expect(byBody.json()).toMatchObject({ removed: ['milk'], items: [{ text: 'eggs' }, { text: 'bread' }] });
    const byQuery = await call(ada, 'DELETE', '/v1/lists/groceries/items?item=eggs');
    expect(byQuery.json().removed).toEqual(['eggs']);
    const missing = await call(ada, 'DELETE', '/v1/lists/groceries/items?item=eggs');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('HARK_ERR_NOT_FOUND');
    const all = await call(ada, 'DELETE', '/v1/lists/groceries/items');
    expect(all.json()).toEqual({ name: 'groceries', items: [], removed: ['bread'] });
  });

  it('answers 404 for lists that do not exist', async () => {
    const response = await call(ada, 'GET', '/v1/lists/nothing-here/items');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'HARK_ERR_NOT_FOUND',
      message: 'List "nothing-here" not found',
    });
  });

  it("keeps each user's lists to themselves", async () => {
    await call(ada, 'POST', '/v1/lists/secret/items', { item: 'surprise party' });
    expect((await call(bob, 'GET', '/v1/lists/secret/items')).statusCode).toBe(404);
    expect((await call(bob, 'GET', '/v1/lists')).json().lists).toEqual([{ name: 'shopping', count: 0 }]);
    expect((await call(bob, 'DELETE', '/v1/lists/secret/items')).statusCode).toBe(404);
    expect((await call(ada, 'GET', '/v1/lists/secret/items')).json().items).toHaveLength(1);
  });

  it('needs an API key', async () => {
    const response = await router.app.inject({ method: 'GET', url: '/v1/lists' });
    expect(response.statusCode).toBe(401);
  });
});

describe('lists by voice and REST together', () => {
  it('adds several items by voice, merges duplicates, clears, and REST sees the same list', async () => {
    const user = await router.userWithKey('cleo');
    expect(await converse(user, 'add eggs, milk and bread to my shopping list')).toBe(
      'Added eggs, milk and bread to your shopping list.',
    );
    expect(await converse(user, 'add Milk to my shopping list')).toBe(
      'Milk is already on your shopping list.',
    );
    expect(await converse(user, "what's on my shopping list")).toBe(
      'Your shopping list has 3 items: eggs, milk and bread.',
    );
    const rest = (await call(user, 'GET', '/v1/lists/shopping/items')).json();
    expect(rest.items.map((item: { text: string }) => item.text)).toEqual(['eggs', 'milk', 'bread']);
    expect(await converse(user, 'remove milk from my shopping list')).toBe(
      'Removed milk from your shopping list.',
    );
    expect(await converse(user, 'clear the shopping list')).toBe('Cleared your shopping list (2 items).');
    expect(await converse(user, "what's on my packing list")).toBe('Your packing list is empty.');
  });
});

describe('whole lists by voice, seen over REST', () => {
  it('creates, enumerates and deletes lists by voice; a new empty list is among them', async () => {
    const user = await router.userWithKey('dora');
    const turn = (text: string) => call(user, 'POST', '/v1/converse', { text }).then((r) => r.json());
    const created = await turn('start a packing list');
    expect(created).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'list.create', slots: { list: 'packing' } },
      reply: { text: 'Created your packing list.' },
    });
    expect(await converse(user, 'make a new list called camping')).toBe('Created your camping list.');
    expect(await converse(user, 'create a to do list')).toBe('Created your to do list.');
    expect(await converse(user, 'which lists have i got')).toBe(
      'You have 4 lists: camping, packing, shopping and to do.',
    );
    expect((await call(user, 'GET', '/v1/lists')).json().lists).toContainEqual({ name: 'packing', count: 0 });
    await call(user, 'POST', '/v1/lists/party/items', { item: 'balloons' });
    expect(await converse(user, 'get rid of the party list')).toBe('Deleted your party list.');
    expect(await converse(user, 'delete my christmas list')).toBe("You don't have a christmas list.");
    expect((await call(user, 'GET', '/v1/lists/party/items')).statusCode).toBe(404);
    expect(await converse(user, 'what lists do i have')).toBe(
      'You have 4 lists: camping, packing, shopping and to do.',
    );
  });

  it('asks for the name of a new list and takes the answer', async () => {
    const user = await router.userWithKey('eve');
    const question = (await call(user, 'POST', '/v1/converse', { text: 'make a new list' })).json();
    expect(question).toMatchObject({
      reply: { text: 'What should I call the new list?' },
      expectsReply: true,
    });
    const answer = await call(user, 'POST', '/v1/converse', {
      text: 'call it camping',
      sessionId: question.sessionId,
    });
    expect(answer.json().reply.text).toBe('Created your camping list.');
    expect((await call(user, 'GET', '/v1/lists/camping/items')).json()).toEqual({
      name: 'camping',
      items: [],
    });
  });

  it('hears items said without commas one by one', async () => {
    const user = await router.userWithKey('finn');
    expect(await converse(user, 'add milk eggs and bread to my shopping list')).toBe(
      'Added milk, eggs and bread to your shopping list.',
    );
    expect(await converse(user, 'add peanut butter two dozen eggs and paper towels to my list')).toBe(
      'Added peanut butter, two dozen eggs and paper towels to your shopping list.',
    );
    expect(await converse(user, 'add olive oil ice cream and milk to my shopping list')).toBe(
      'Added olive oil and ice cream to your shopping list. Milk was already on it.',
    );
    const items = (await call(user, 'GET', '/v1/lists/shopping/items')).json().items;
    expect(items.map((item: { text: string }) => item.text)).toEqual([
      'milk',
      'eggs',
      'bread',
      'peanut butter',
      'two dozen eggs',
      'paper towels',
      'olive oil',
      'ice cream',
    ]);
  });
});
