import { readFileSync } from 'node:fs';
import { errorCatalogue } from '@hark/core';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../docs/ERRORS.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| `HARK_ERR_([A-Z_]+)`\s*\| (\d{3})\s*\|/gm)].map((m) => [
  m[1],
  Number(m[2]),
]);

describe('docs/ERRORS.md', () => {
  it('lists every code of the catalogue with its status, and nothing else', () => {
    const catalogue = Object.entries(errorCatalogue).map(([key, entry]) => [key, entry.status]);
    expect([...rows].sort()).toEqual([...catalogue].sort());
  });
});
