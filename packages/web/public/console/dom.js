/**
 * A few DOM helpers, so views read as a tree of elements. No innerHTML anywhere: every value from
 * the API goes in as text, so a plan name or an audit entry can never inject markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

function applyAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function appendChildren(element, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** An HTML element: h('button', { type: 'submit', onclick }, 'Save'). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** An SVG element, for the charts. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Replaces everything inside `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
  return element;
}

/** A definition list from [term, description] pairs. */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([term, description]) => [h('dt', {}, term), h('dd', {}, description ?? '—')]),
  );
}

/** A table from a header row and body rows (cells are text or nodes); `caption` names it for screen readers. */
export function table(headers, rows, { caption, ...attributes } = {}) {
  return h(
    'table',
    attributes,
    caption ? h('caption', {}, caption) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => h('th', { scope: 'col' }, header)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

/** Compact JSON for audit before/after and error details. */
export const json = (value) => (value === undefined ? '' : JSON.stringify(value));
