import { type RecognizeContext, type RecognizeResult, recognize } from './recognizer.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * `recognize` that keeps its latest `maxEntries` answers. It is pure, and people say the same few
 * things ("what time is it", "stop", "set a timer for 5 minutes") over and over, so an utterance
 * repeated in the same locale and local minute is answered from memory. The answers are frozen:
 * every caller shares them. The least recently used answer makes room for a new one.
 */
export function cachedRecognize(
  maxEntries = 1_000,
): (text: string, context?: RecognizeContext) => RecognizeResult {
  const cache = new Map<string, RecognizeResult>();
  return (text, context = {}) => {
    // \u0000 never appears in a locale or a local date-time, so no two inputs share a key.
    const key = `${context.locale ?? ''}\u0000${context.now ?? ''}\u0000${text}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const answer = deepFreeze(recognize(text, context));
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, answer);
    return answer;
  };
}
