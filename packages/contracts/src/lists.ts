import { z } from 'zod';

/**
 * Lists over REST. Names and items are checked by the route against the same rules the
 * voice path uses (HARK_ERR_INVALID_LIST_NAME / HARK_ERR_INVALID_LIST_ITEM), so the schemas
 * only fix the types here.
 */

const listName = z
  .string()
  .describe(
    'List name, e.g. "shopping", "to do" or "packing" (URL-encoded in paths); compared in lower case',
  );
const itemText = z.string().describe('One item, at most 100 characters; kept as first spelled');

export const listParamsSchema = z.object({ name: listName });

export const listSummarySchema = z
  .object({ name: z.string(), count: z.number().int().nonnegative() })
  .meta({ id: 'ListSummary' });

export const listsResponseSchema = z.object({
  lists: z.array(listSummarySchema).describe('Every list of the user, "shopping" always among them'),
});

export const createListRequestSchema = z.object({ name: listName });

export const listItemSchema = z
  .object({ text: z.string(), addedAt: z.string().describe('UTC ISO 8601 instant') })
  .meta({ id: 'ListItem' });

export const listResponseSchema = z
  .object({ name: z.string(), items: z.array(listItemSchema).describe('In the order they were added') })
  .meta({ id: 'List' });

export const addListItemsRequestSchema = z
  .object({
    items: z.array(itemText).min(1).max(50).optional(),
    item: itemText.optional(),
  })
  .refine((body) => (body.items === undefined) !== (body.item === undefined), {
    message: 'send either "items" (an array) or "item" (one string)',
  })
  .describe('Items already on the list (compared case-insensitively) are left as they are');

export const addListItemsResponseSchema = listResponseSchema.extend({
  added: z.array(z.string()),
  alreadyOnList: z.array(z.string()),
});

export const removeListItemsQuerySchema = z.object({ item: itemText.optional() });

export const removeListItemsRequestSchema = z
  .object({ item: itemText.optional() })
  // Fastify hands a DELETE without a body over as null.
  .nullish()
  .describe('The item to remove; without one (here or in the query) every item is removed');

export const removeListItemsResponseSchema = listResponseSchema.extend({
  removed: z.array(z.string()),
});
