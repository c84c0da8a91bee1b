// `npm run docs:config`: writes docs/CONFIGURATION.md from the config schema
// (packages/core/src/config.ts): each variable's default comes from parsing the schema, its
// description from its `.describe()` text, and the services that read it from a scan of their
// code. `--check` only compares (exit 1 when the file is stale); test/docs/configuration-doc.test.ts
// does the same in `npm test`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configSchema, configVariableNames } from '../packages/core/src/config.js';

const root = fileURLToPath(new URL('../', import.meta.url));
export const configurationDocPath = path.join(root, 'docs', 'CONFIGURATION.md');

const shape = configSchema.in.shape as Record<
  string,
  { description?: string; safeParse(value: unknown): { data?: unknown } }
>;
const placeholderRedis = 'redis://127.0.0.1:6379';
const productionSecrets = { ADMIN_TOKEN: 'x'.repeat(32), INTERNAL_TOKEN: 'y'.repeat(16) };

/** `value` as a table cell: code for values, words for nothing. */
function shown(value: unknown): string {
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : `\`${value.join(',')}\``;
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value).length === 0 ? 'none' : `\`${JSON.stringify(value)}\``;
  }
  return `\`${String(value)}\``;
}

/** Defaults as the services see them: outside production, and what changes in production. */
function defaults(): Map<string, string> {
  // INTERNAL_TOKEN has no default to show: outside production each process makes up a random one.
  const developmentInput = { REDIS_URL: placeholderRedis, INTERNAL_TOKEN: undefined };
  const development = configSchema.parse(developmentInput) as Record<string, unknown>;
  const productionInput = { NODE_ENV: 'production', ...developmentInput, ...productionSecrets };
  const production = configSchema.parse(productionInput) as Record<string, unknown>;
  const missing = configSchema.safeParse({ NODE_ENV: 'production', REDIS_URL: placeholderRedis });
  const requiredInProduction = new Set(missing.error?.issues.map((issue) => String(issue.path[0])) ?? []);
  const result = new Map<string, string>();
  for (const name of configVariableNames) {
    const value = name in developmentInput ? shape[name]!.safeParse(undefined).data : development[name];
    let cell = shown(value);
    if (requiredInProduction.has(name)) cell += '; required in production';
    else if (!(name in productionInput) && JSON.stringify(production[name]) !== JSON.stringify(value)) {
      cell += `; ${shown(production[name])} in production`;
    }
    result.set(name, cell);
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return entry === 'testing' ? [] : sourceFiles(file);
    return /\.ts$/.test(entry) && !/\.(test|fixture|d)\.ts$/.test(entry) ? [file] : [];
  });
}

interface Workspace {
  dir: string;
  dependencies: string[];
}

function workspaces(): Map<string, Workspace> {
  const found = new Map<string, Workspace>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(path.join(root, group)).sort()) {
      const dir = path.join(root, group, entry);
      let manifest: { name?: string; dependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (manifest.name)
        found.set(manifest.name, { dir, dependencies: Object.keys(manifest.dependencies ?? {}) });
    }
  }
  return found;
}

/** Code a service runs: its own src/ and that of every workspace package it depends on, tests left out. */
function codeOf(service: Workspace, all: Map<string, Workspace>): string {
  const dirs = new Set<string>();
  const visit = (workspace: Workspace) => {
    if (dirs.has(workspace.dir)) return;
    dirs.add(workspace.dir);
    for (const name of workspace.dependencies) if (all.has(name)) visit(all.get(name)!);
  };
  visit(service);
  const configFile = path.join(root, 'packages', 'core', 'src', 'config.ts');
  return [...dirs]
    .flatMap((dir) => sourceFiles(path.join(dir, 'src')))
    .filter((file) => file !== configFile)
    .map((file) =>
      readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, ''),
    )
    .join('\n');
}

/** Which services read each variable: a property read (`config.NAME`) in the code they run. */
function readers(): Map<string, string> {
  const all = workspaces();
  const services = [...all.values()].filter((workspace) =>
    workspace.dir.includes(`${path.sep}services${path.sep}`),
  );
  const code = services.map((service) => ({ name: path.basename(service.dir), code: codeOf(service, all) }));
  const result = new Map<string, string>();
  for (const variable of configVariableNames) {
    const pattern = new RegExp(`\\.${variable}\\b`);
    const names = code.filter((service) => pattern.test(service.code)).map((service) => service.name);
    if (names.length === 0) result.set(variable, 'all (start-up checks)');
    else result.set(variable, names.length === services.length ? 'all' : names.join(', '));
  }
  return result;
}

/** Markdown for a description: `|` escaped, docs/X.md mentions linked (this file sits in docs/). */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/docs\/([A-Z]+\.md)(#[\w-]+)?/g, '[$1$2]($1$2)');
}

export function renderConfigurationDoc(): string {
  const defaultOf = defaults();
  const readBy = readers();
  const rows = configVariableNames.map((name) => {
    const description = shape[name]!.description;
    if (!description) throw new Error(`${name} has no .describe() text in packages/core/src/config.ts`);
    return `| \`${name}\` | ${defaultOf.get(name)} | ${readBy.get(name)} | ${cell(description)} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated by `npm run docs:config` (scripts/config-doc.ts) from packages/core/src/config.ts; do not edit. -->',
    '',
    'Every service reads its settings from environment variables, parsed once at start-up by one schema',
    '(`packages/core/src/config.ts`); a bad value stops the service with a message that names the variable, never its',
    'value. To add or change a variable, edit the schema and its `.describe()` text, then run `npm run docs:config`;',
    '`test/docs/configuration-doc.test.ts` fails while this page differs from what the schema generates.',
    '',
    '"Default" is what a service uses when the variable is unset (outside production, unless it says otherwise).',
    '"Read by" lists the services whose code reads it (router :3000, conversation :3001, entitlements :3002); every',
    'service parses and checks all of them at start-up.',
    '',
    '| variable | default | read by | description |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const generated = renderConfigurationDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(configurationDocPath, 'utf8');
    if (current !== generated) {
      console.error('docs/CONFIGURATION.md is stale: run npm run docs:config');
      process.exit(1);
    }
  } else {
    writeFileSync(configurationDocPath, generated);
    console.log(
      `wrote ${path.relative(root, configurationDocPath)} (${configVariableNames.length} variables)`,
    );
  }
}
