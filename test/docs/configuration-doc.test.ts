// docs/CONFIGURATION.md is generated from the config schema (npm run docs:config): it must be
// exactly what the script makes now, and list every variable the schema knows, and only those.
import { readFileSync } from 'node:fs';
import { configVariableNames } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { configurationDocPath, renderConfigurationDoc } from '../../scripts/config-doc.ts';

const doc = readFileSync(configurationDocPath, 'utf8');
const documented = doc
  .split('\n')
  .filter((line) => /^\| `[A-Z_]+` \|/.test(line))
  .map((line) => /^\| `([A-Z_]+)`/.exec(line)![1]);

describe('docs/CONFIGURATION.md', () => {
  it('documents every configuration variable, and only real ones', () => {
    expect([...documented].sort()).toEqual([...configVariableNames].sort());
  });

  it('is what `npm run docs:config` generates from packages/core/src/config.ts', () => {
    expect(doc, 'docs/CONFIGURATION.md is stale: run npm run docs:config').toBe(renderConfigurationDoc());
  });

  it('has a description for every variable, from its .describe() text', () => {
    for (const line of doc.split('\n').filter((row) => /^\| `[A-Z_]+` \|/.test(row))) {
      expect(line.split(' | ').at(-1)!.replace(/ \|$/, '').length, line).toBeGreaterThan(10);
    }
  });
});
