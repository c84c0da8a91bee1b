import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain browser module of the console, without types.
import { definitions } from '../../packages/web/public/console/definitions.js';

// The console shows each definition beside its chart; docs/INSIGHTS.md must say the same words.
const flat = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
const doc = flat(readFileSync(new URL('../../docs/INSIGHTS.md', import.meta.url), 'utf8'));

describe('the definitions of the console Money area', () => {
  it.each(Object.entries(definitions as Record<string, string>))(
    '%s is worded as in docs/INSIGHTS.md',
    (_, text) => {
      expect(doc).toContain(flat(text));
    },
  );
});
