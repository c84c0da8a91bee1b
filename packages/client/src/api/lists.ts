import type { CallOptions, Transport } from '../transport.js';
import type { AddListItemsResponse, ListResponse, ListsResponse, RemoveListItemsResponse } from '../types.js';

const listPath = (name: string) => `/v1/lists/${encodeURIComponent(name)}`;

export interface ListsApi {
  /** Every list of the user with its item count. */
  list(options?: CallOptions): Promise<ListsResponse>;
  /** One list and its items, in the order they were added. */
  get(name: string, options?: CallOptions): Promise<ListResponse>;
  create(name: string, options?: CallOptions): Promise<ListResponse>;
  /** Adds items; ones already on the list (case-insensitively) are reported in `alreadyOnList`. */
  add(name: string, items: string | string[], options?: CallOptions): Promise<AddListItemsResponse>;
  /** Removes one item, or every item when none is given. */
  remove(name: string, item?: string, options?: CallOptions): Promise<RemoveListItemsResponse>;
  /** Deletes a list ("shopping" is only emptied). */
  delete(name: string, options?: CallOptions): Promise<void>;
}

export function listsApi(transport: Transport): ListsApi {
  return {
    list: (options) => transport.json({ path: '/v1/lists', auth: 'user', ...options }),
    get: (name, options) => transport.json({ path: `${listPath(name)}/items`, auth: 'user', ...options }),
    create: (name, options) =>
      transport.json({ method: 'POST', path: '/v1/lists', auth: 'user', body: { name }, ...options }),
    add: (name, items, options) =>
      transport.json({
        method: 'POST',
        path: `${listPath(name)}/items`,
        auth: 'user',
        body: Array.isArray(items) ? { items } : { item: items },
        ...options,
      }),
    remove: (name, item, options) =>
      transport.json({
        method: 'DELETE',
        path: `${listPath(name)}/items`,
        auth: 'user',
        query: { item },
        ...options,
      }),
    delete: (name, options) =>
      transport.json({ method: 'DELETE', path: listPath(name), auth: 'user', ...options }),
  };
}
