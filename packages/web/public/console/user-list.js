import { api, query } from './api.js';
import { h, table } from './dom.js';
import { run } from './feedback.js';
import { localMinute } from './format.js';

/**
 * Every user, newest first, or those whose id or name starts with what the operator types
 * (GET /admin/users); "More" fetches the next page. Clicking a user opens them.
 */

const PAGE_SIZE = 20;
const TYPING_PAUSE_MS = 250;

/** `onOpen(userId)` is called when a user is clicked. Returns the card and `load()` (first page again). */
export function userList({ onOpen }) {
  const search = h('input', {
    type: 'search',
    name: 'query',
    maxlength: 100,
    placeholder: 'id or name starts with…',
    'aria-label': 'Find users by the start of their id or name',
  });
  const list = table(['user', 'name', 'created'], [], { class: 'users' });
  const rows = list.querySelector('tbody');
  const summary = h('p', { class: 'hint', 'aria-live': 'polite' });
  const more = h(
    'button',
    { type: 'button', class: 'secondary', 'data-more-users': '', hidden: true },
    'More',
  );
  const card = h(
    'section',
    { class: 'card user-list' },
    h('h3', {}, 'All users'),
    h('form', { class: 'user-search', role: 'search' }, h('label', {}, 'Find ', search)),
    list,
    summary,
    more,
  );

  let shown = { query: '', nextCursor: null, count: 0 };
  /** Answers can overtake each other while the operator types: only the newest request is shown. */
  let latest = 0;

  const row = (user) =>
    h(
      'tr',
      { 'data-user-id': user.id },
      h(
        'td',
        {},
        h(
          'button',
          { type: 'button', class: 'link', 'data-open-user': user.id, onclick: () => onOpen(user.id) },
          user.id,
        ),
      ),
      h('td', {}, user.name),
      h('td', {}, localMinute(user.createdAt)),
    );

  async function fetchPage(text, cursor) {
    const request = ++latest;
    const page = await api.get(`/admin/users${query({ query: text, limit: PAGE_SIZE, cursor })}`);
    if (request !== latest) return;
    if (!cursor) rows.replaceChildren();
    rows.append(...page.users.map(row));
    shown = {
      query: text,
      nextCursor: page.nextCursor,
      count: (cursor ? shown.count : 0) + page.users.length,
    };
    more.hidden = page.nextCursor === null;
    summary.textContent = describe(shown);
    card.dataset.listed = text;
  }

  function describe({ query: text, count }) {
    if (count === 0) return text ? `No user's id or name starts with “${text}”.` : 'No users yet.';
    return text ? `Users whose id or name starts with “${text}”, A to Z.` : 'Newest first.';
  }

  let typing;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => run(() => fetchPage(search.value.trim())), TYPING_PAUSE_MS);
  });
  search.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    return run(() => fetchPage(search.value.trim()));
  });
  more.addEventListener('click', () => run(() => fetchPage(shown.query, shown.nextCursor)));

  return { element: card, load: () => fetchPage(search.value.trim()) };
}
