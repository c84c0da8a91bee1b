// The README and docs/ name files and folders so readers can find them: each one must exist, and
// each relative link must lead to a page that exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).map((file) => `docs/${file}`)].filter(
  (file) => file.endsWith('.md'),
);
/** Where repository paths start; a mention such as `packages/core/src/config.ts` is checked. */
const topLevel = ['packages', 'services', 'test', 'scripts', 'infra', 'docs', '.ci'];

/** Paths a page names, in backticks or in its prose, that start with a top-level folder. */
function repositoryPaths(text: string): string[] {
  const tokens = [
    ...[...text.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!),
    ...[...text.matchAll(/(?<![`\w/.-])((?:packages|services|test|scripts|infra)\/[\w./-]+)/g)].map(
      (match) => match[1]!,
    ),
  ];
  return [
    ...new Set(
      tokens
        .map((token) => token.replace(/[),.:;]+$/, ''))
        .filter((token) => topLevel.includes(token.split('/')[0]!) && token.includes('/'))
        .filter((token) => !/[<>*{}$]/.test(token)),
    ),
  ];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1]!)));
}

describe.each(pages)('%s', (page) => {
  const text = readFileSync(path.join(root, page), 'utf8');

  it('names only repository paths that exist', () => {
    const missing = repositoryPaths(text).filter((token) => !existsSync(path.join(root, token)));
    expect(missing).toEqual([]);
  });

  it('links only pages that exist', () => {
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!);
    const broken = links
      .filter((link) => !/^[a-z]+:/.test(link))
      .filter((link) => !existsSync(path.join(root, path.dirname(page), link)));
    expect(broken).toEqual([]);
  });

  it('links only to headings that exist', () => {
    const broken = [...text.matchAll(/\]\(([^)#\s]*)#([^)\s]+)\)/g)]
      .filter((match) => !/^[a-z]+:/.test(match[1]!))
      .filter((match) => {
        const target = match[1] ? path.join(root, path.dirname(page), match[1]) : path.join(root, page);
        return !existsSync(target) || !anchorsOf(target).has(match[2]!);
      })
      .map((match) => `${match[1]}#${match[2]}`);
    expect(broken).toEqual([]);
  });
});
