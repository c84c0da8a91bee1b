/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed paths, as
 * stripe-node writes it (`metadata[userId]=u1`, `line_items[0][price]=price_x`, `expand[0]=a`).
 * Decoded into nested objects and arrays of strings, the way Stripe's servers read it.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function pathOf(key: string): string[] {
  const head = key.split('[', 1)[0]!;
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!);
  return [head, ...rest];
}

function assign(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  path.forEach((segment, index) => {
    const name = segment === '' ? String(Object.keys(node).length) : segment;
    if (index === path.length - 1) {
      node[name] = value;
      return;
    }
    if (typeof node[name] !== 'object' || node[name] === null) node[name] = {};
    node = node[name] as FormObject;
  });
}

/** Objects whose keys are 0..n-1 become arrays, as Stripe reads `line_items[0][price]`. */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(
    ([key, inner]) => [key, arraysFromIndexedObjects(inner)] as const,
  );
  const indexed = entries.length > 0 && entries.every(([key], position) => key === String(position));
  return indexed ? entries.map(([, inner]) => inner) : Object.fromEntries(entries);
}

export function decodeStripeForm(text: string): FormObject {
  const result: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) assign(result, pathOf(key), value);
  return arraysFromIndexedObjects(result) as FormObject;
}

/** A string field of a decoded form, or undefined. */
export function formString(form: FormObject, ...path: string[]): string | undefined {
  let node: FormValue | undefined = form;
  for (const segment of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A string map field (metadata) of a decoded form; empty when absent. */
export function formStringMap(form: FormObject, ...path: string[]): Record<string, string> {
  let node: FormValue | undefined = form;
  for (const segment of path) {
    if (node === undefined || typeof node === 'string' || Array.isArray(node)) return {};
    node = node[segment];
  }
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return {};
  return Object.fromEntries(
    Object.entries(node).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
