// The user's lists (GET /v1/lists, then each list's items), refreshed after a list turn.
import { byId, h } from './dom.js';

export class ListsView {
  /** @param {import('./api.js').HarkApi} api */
  constructor(api, onError) {
    this.api = api;
    this.onError = onError;
  }

  async load() {
    const { lists } = await this.api.get('/v1/lists');
    const filled = await Promise.all(
      lists.map((list) =>
        list.count > 0
          ? this.api.get(`/v1/lists/${encodeURIComponent(list.name)}/items`)
          : { ...list, items: [] },
      ),
    );
    this.render(filled);
  }

  clear() {
    byId('lists').replaceChildren();
  }

  render(lists) {
    byId('lists').replaceChildren(
      ...lists.map((list) =>
        h(
          'section',
          { class: 'list', 'data-list': list.name },
          h('h3', {}, list.name, h('span', { class: 'count' }, ` (${list.items.length})`)),
          list.items.length === 0
            ? h('p', { class: 'muted' }, `Nothing on it. Try “add milk to my ${list.name} list”.`)
            : h(
                'ul',
                { class: 'list-items' },
                list.items.map((item) =>
                  h(
                    'li',
                    {},
                    h('span', {}, item.text),
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'link',
                        title: `Remove ${item.text}`,
                        onclick: () => this.remove(list.name, item.text),
                      },
                      'remove',
                    ),
                  ),
                ),
              ),
        ),
      ),
    );
  }

  async remove(listName, item) {
    try {
      const query = new URLSearchParams({ item }).toString();
      await this.api.delete(`/v1/lists/${encodeURIComponent(listName)}/items?${query}`);
      await this.load();
    } catch (error) {
      this.onError(error);
    }
  }
}
