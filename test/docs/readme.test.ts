// README.md is the front page: short, the two commands, the architecture, a link to every docs/
// page, and no path that does not exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const lines = readme.split('\n');

/** Top-level entries of the repository a path in the README may start with. */
const topLevel = readdirSync(root).filter((entry) => !['node_modules', '.git', '.hark'].includes(entry));

/** A backticked token that names a file or folder (no spaces, globs, placeholders or URL paths). */
const pathLike = (token: string) =>
  /^[\w.@-]+(\/[\w.@{}-]*)+$|^[\w-]+\.\w+$/.test(token) && !token.includes('{');

/**
 * Every repository path the README mentions, resolved: tokens that start with a top-level entry
 * (`packages/nlu/data`), and in a table row whose first cell is a folder, tokens relative to it
 * (`src/due-handler.ts` in the `packages/scheduling` row).
 */
function mentionedPaths(): { token: string; resolved: string }[] {
  const found: { token: string; resolved: string }[] = [];
  for (const line of lines) {
    const rowFolder = /^\| `([\w./-]+)` \|/.exec(line)?.[1];
    for (const [, token] of line.matchAll(/`([^`\s]+)`/g)) {
      if (!token || token.startsWith('@') || !pathLike(token)) continue;
      const first = token.split('/')[0]!;
      if (topLevel.includes(first)) found.push({ token, resolved: token });
      else if (rowFolder && token.includes('/') && token !== rowFolder) {
        found.push({ token, resolved: path.posix.join(rowFolder, token) });
      } else if (rowFolder && /^[\w-]+\.\w+$/.test(token) && existsSync(path.join(root, rowFolder))) {
        found.push({ token, resolved: path.posix.join(rowFolder, token) });
      }
    }
    for (const [, link] of line.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      if (link && !/^[a-z]+:/.test(link)) found.push({ token: link, resolved: link });
    }
  }
  return found;
}

describe('README', () => {
  it('is under 250 lines', () => {
    expect(lines.length).toBeLessThan(250);
  });

  it('shows the two commands and what they do', () => {
    const block = readme.split('```sh\n')[1]!.split('```')[0]!;
    expect(block).toMatch(
      /^npm start +# installs if needed, builds, finds or starts Redis, runs every service/m,
    );
    expect(block).toMatch(/^npm test +# installs if needed, lints, type-checks, .*runs every test/m);
    expect(block).toContain('Redis Cluster');
  });

  it('draws the architecture in Mermaid', () => {
    const diagram = readme.split('```mermaid\n')[1]?.split('```')[0];
    expect(diagram, 'a ```mermaid block').toBeDefined();
    for (const part of ['router', 'conversation', 'entitlements', 'Redis', 'Stripe', 'LLM', 'Open-Meteo']) {
      expect(diagram).toContain(part);
    }
  });

  it('walks one POST /v1/converse through numbered steps that name files', () => {
    const walk = readme.split('### One `POST /v1/converse`')[1]?.split('\n## ')[0] ?? '';
    const steps = walk.split(/\n(?=\d+\. )/).filter((step) => /^\d+\. /.test(step));
    expect(steps.length).toBeGreaterThanOrEqual(5);
    for (const step of steps) expect(step, step).toMatch(/`(packages|services)\//);
  });

  it('links every docs/ page, and only pages that exist', () => {
    const pages = readdirSync(path.join(root, 'docs')).filter((file) => file.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect(readme, `a link to docs/${page}`).toContain(`](docs/${page}`);
    for (const [, page] of readme.matchAll(/\]\(docs\/([^)#]+)/g)) {
      expect(existsSync(path.join(root, 'docs', page!)), `docs/${page}`).toBe(true);
    }
  });

  it('names where a timer fires, where the premium gate is decided and where a Stripe event changes a plan', () => {
    expect(readme).toMatch(/where a timer[^|]*fires/i);
    expect(readme).toMatch(/where the premium gate is decided/i);
    expect(readme).toMatch(/where a Stripe event changes a plan/i);
  });

  it('mentions only repository paths that exist', () => {
    const paths = mentionedPaths();
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter(({ resolved }) => !existsSync(path.join(root, resolved)));
    expect(
      missing.map(({ token, resolved }) => (token === resolved ? token : `${token} (${resolved})`)),
    ).toEqual([]);
  });
});
