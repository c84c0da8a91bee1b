// scripts/lib/chromium.mjs makes sure `npm test` has the Chromium the browser tests drive.
import { describe, expect, it } from 'vitest';
import { chromiumPlan, ensureChromium, missingChromiumMessage } from '../../scripts/lib/chromium.mjs';

describe('chromiumPlan', () => {
  it.each([
    [{ exists: true, isRoot: false, hasAptGet: false }, 'present'],
    [{ exists: true, isRoot: true, hasAptGet: true }, 'present'],
    [{ exists: false, isRoot: true, hasAptGet: true }, 'install'],
    [{ exists: false, isRoot: false, hasAptGet: true }, 'missing'],
    [{ exists: false, isRoot: true, hasAptGet: false }, 'missing'],
  ] as const)('%o -> %s', (facts, plan) => {
    expect(chromiumPlan(facts)).toBe(plan);
  });
});

describe('ensureChromium', () => {
  it('does nothing when the browser is there', async () => {
    const said: string[] = [];
    await ensureChromium({ chromiumPath: process.execPath, log: (line) => said.push(line) });
    expect(said).toEqual([]);
  });

  it('says exactly what to install when it cannot install it itself (no apt-get on PATH)', async () => {
    const chromiumPath = '/nonexistent/chromium';
    await expect(ensureChromium({ chromiumPath, env: { PATH: '' }, log: () => {} })).rejects.toThrow(
      missingChromiumMessage(chromiumPath),
    );
    expect(missingChromiumMessage(chromiumPath)).toContain('apt-get install -y chromium');
  });
});
