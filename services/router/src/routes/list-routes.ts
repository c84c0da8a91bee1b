import {
  addListItemsRequestSchema,
  addListItemsResponseSchema,
  createListRequestSchema,
  errorResponseSchema,
  listParamsSchema,
  listResponseSchema,
  listsResponseSchema,
  removeListItemsQuerySchema,
  removeListItemsRequestSchema,
  removeListItemsResponseSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import {
  canonicalListName,
  cleanItem,
  itemProblem,
  type ListStore,
  listNameProblem,
  MAX_LISTS,
  mergeDuplicates,
} from '@hark/skills';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const lists = { tags: ['lists'], security: [{ apiKey: [] }] };
const errors = { 400: errorResponseSchema, 401: errorResponseSchema };

/** The canonical name ("To Do List" -> "to do"), or 400 HARK_ERR_INVALID_LIST_NAME. */
function validListName(raw: string): string {
  const name = canonicalListName(raw);
  const problem = listNameProblem(name);
  if (problem) throw new HarkError('INVALID_LIST_NAME', { name: raw, reason: problem });
  return name;
}

/** Items as they will be stored, duplicates merged, or 400 HARK_ERR_INVALID_LIST_ITEM. */
function validItems(raw: readonly string[]): string[] {
  for (const item of raw) {
    const problem = itemProblem(item);
    if (problem) throw new HarkError('INVALID_LIST_ITEM', { item: item.slice(0, 40), reason: problem });
  }
  return mergeDuplicates(raw.map(cleanItem));
}

const unknownList = (name: string) => new HarkError('NOT_FOUND', { what: `List "${name}"` });

/** The user's lists: /v1/lists and /v1/lists/:name/items. The voice path shares the same store. */
export const listRoutes: FastifyPluginAsyncZod<{ lists: ListStore }> = async (app, { lists: store }) => {
  app.get(
    '/v1/lists',
    {
      schema: {
        ...lists,
        summary: "The user's lists with their item counts",
        response: { 200: listsResponseSchema, ...errors },
      },
    },
    async (request) => ({ lists: await store.listNames(currentUser(request).id) }),
  );

  app.post(
    '/v1/lists',
    {
      schema: {
        ...lists,
        summary: 'Create an empty named list',
        body: createListRequestSchema,
        response: { 201: listResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const name = validListName(request.body.name);
      const created = await store.create(currentUser(request).id, name);
      if (created === 'too-many-lists')
        throw new HarkError('LIST_LIMIT_REACHED', { limit: MAX_LISTS, what: 'lists' });
      if (!created) throw new HarkError('CONFLICT', { what: `List "${name}"` });
      reply.status(201);
      return { name, items: [] };
    },
  );

  app.delete(
    '/v1/lists/:name',
    {
      schema: {
        ...lists,
        summary: 'Delete a list and its items ("shopping" is only emptied)',
        params: listParamsSchema,
        response: { 204: z.null().describe('Deleted'), 404: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const name = validListName(request.params.name);
      if (!(await store.delete(currentUser(request).id, name))) throw unknownList(name);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/lists/:name/items',
    {
      schema: {
        ...lists,
        summary: 'The items of a list, in the order they were added',
        params: listParamsSchema,
        response: { 200: listResponseSchema, 404: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const name = validListName(request.params.name);
      if (!(await store.exists(userId, name))) throw unknownList(name);
      return { name, items: await store.items(userId, name) };
    },
  );

  app.post(
    '/v1/lists/:name/items',
    {
      schema: {
        ...lists,
        summary: 'Add items (the list is created if needed); duplicates are merged case-insensitively',
        params: listParamsSchema,
        body: addListItemsRequestSchema,
        response: { 200: addListItemsResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const name = validListName(request.params.name);
      const items = validItems(request.body.items ?? [request.body.item ?? '']);
      const outcome = await store.add(userId, name, items);
      if (outcome.kind === 'too-many-lists') {
        throw new HarkError('LIST_LIMIT_REACHED', { limit: outcome.limit, what: 'lists' });
      }
      if (outcome.kind === 'list-full') {
        throw new HarkError('LIST_LIMIT_REACHED', { limit: outcome.limit, what: `items on list "${name}"` });
      }
      const { added, alreadyOnList } = outcome;
      return { name, items: await store.items(userId, name), added, alreadyOnList };
    },
  );

  app.delete(
    '/v1/lists/:name/items',
    {
      schema: {
        ...lists,
        summary: 'Remove one item (`item` in the body or the query), or every item',
        params: listParamsSchema,
        querystring: removeListItemsQuerySchema,
        body: removeListItemsRequestSchema,
        response: { 200: removeListItemsResponseSchema, 404: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const name = validListName(request.params.name);
      if (!(await store.exists(userId, name))) throw unknownList(name);
      const item = request.body?.item ?? request.query.item;
      let removed: string[];
      if (item === undefined) {
        removed = (await store.clear(userId, name)).map((entry) => entry.text);
      } else {
        const [text] = validItems([item]);
        const gone = await store.remove(userId, name, text!);
        if (!gone) throw new HarkError('NOT_FOUND', { what: `Item "${text}" on list "${name}"` });
        removed = [gone.text];
      }
      return { name, items: await store.items(userId, name), removed };
    },
  );
};
