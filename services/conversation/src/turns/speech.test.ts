import { describe, expect, it } from 'vitest';
import { speakable } from './speech.js';

describe('speakable', () => {
  it.each([
    ['Plain words stay as they are', 'Plain words stay as they are'],
    ['It is **really** _that_ simple.', 'It is really that simple.'],
    ['## Steps\n1. Boil water\n2. Add eggs', 'Steps. Boil water. Add eggs.'],
    ['See [the docs](https://example.com) or https://example.com/x now.', 'See the docs or now.'],
    ['Use `npm start`.', 'Use npm start.'],
    ['> a quote', 'a quote'],
    ['| a | b |\n|---|---|\n| 1 | 2 |', 'a, b. 1, 2.'],
    ['soft_boiled_eggs stay whole', 'soft_boiled_eggs stay whole'],
    ['Code:\n```js\nlet x = 1;\n```\nDone', 'Code: Done.'],
  ])('%j -> %j', (markdown, spoken) => {
    expect(speakable(markdown)).toBe(spoken);
  });
});
