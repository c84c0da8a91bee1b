/**
 * A table looked up by words the user said: it has no prototype, so "constructor", "toString"
 * or "__proto__" find nothing in it (with a plain object they found Object.prototype's members,
 * and "what is a constructor" answered 500).
 */
export function wordTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
