import { readFileSync } from 'node:fs';
import { configVariableNames } from '@hark/core';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const tableRows = readme.split('\n').filter((line) => /^\| `[A-Z_]+`\s*\|/.test(line));
const documented = tableRows.map((line) => /^\| `([A-Z_]+)`/.exec(line)![1]);

describe('README', () => {
  it('documents every configuration variable, and only real ones', () => {
    expect([...documented].sort()).toEqual([...configVariableNames].sort());
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
