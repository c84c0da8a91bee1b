import path from 'node:path';
import { UsageError } from './exit-codes.js';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Where the CLI finds the server and its credentials, after every source was consulted. */
export interface Settings {
  url: string;
  apiKey?: string;
  adminToken?: string;
  /** The config file that was read, if any (for messages; never its contents). */
  configFile?: string;
}

/** What the command line said; absent flags are undefined. */
export interface SettingFlags {
  url?: string;
  key?: string;
  adminToken?: string;
  config?: string;
}

export type Env = Record<string, string | undefined>;

/** Reads a file as text; null when it does not exist (any other failure throws). */
export type ReadFile = (file: string) => string | null;

interface FileSettings {
  url?: string;
  apiKey?: string;
  adminToken?: string;
}

/**
 * Each setting from the first source that has it: flags (--url, --key, --admin-token), then
 * the environment (HARK_URL, HARK_API_KEY, HARK_ADMIN_TOKEN), then the config file (--config,
 * else HARK_CONFIG, else $XDG_CONFIG_HOME/hark/config.json or ~/.config/hark/config.json),
 * then the default URL. An empty value counts as not given.
 */
export function resolveSettings(flags: SettingFlags, env: Env, readFile: ReadFile): Settings {
  const { file, explicit } = configFilePath(flags, env);
  const fromFile = file ? readConfigFile(file, explicit, readFile) : null;
  const url = pick(flags.url, env.HARK_URL, fromFile?.url) ?? DEFAULT_URL;
  const settings: Settings = {
    url: checkedUrl(url, sourceOf(flags.url, env.HARK_URL, fromFile?.url ? file : null)),
  };
  const apiKey = pick(flags.key, env.HARK_API_KEY, fromFile?.apiKey);
  const adminToken = pick(flags.adminToken, env.HARK_ADMIN_TOKEN, fromFile?.adminToken);
  if (apiKey) settings.apiKey = apiKey;
  if (adminToken) settings.adminToken = adminToken;
  if (fromFile && file) settings.configFile = file;
  return settings;
}

/** The config file to read, and whether someone asked for it (then it must exist). */
export function configFilePath(flags: SettingFlags, env: Env): { file: string | null; explicit: boolean } {
  const chosen = pick(flags.config, env.HARK_CONFIG);
  if (chosen) return { file: chosen, explicit: true };
  const configHome = pick(env.XDG_CONFIG_HOME) ?? (env.HOME ? path.join(env.HOME, '.config') : null);
  return { file: configHome ? path.join(configHome, 'hark', 'config.json') : null, explicit: false };
}

function readConfigFile(file: string, explicit: boolean, readFile: ReadFile): FileSettings | null {
  let text: string | null;
  try {
    text = readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read the config file ${file}: ${(error as Error).message}`);
  }
  if (text === null) {
    if (explicit) throw new UsageError(`the config file ${file} does not exist`);
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(
      `the config file ${file} is not valid JSON; expected {"url": ..., "apiKey": ..., "adminToken": ...}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`the config file ${file} must hold a JSON object {"url", "apiKey", "adminToken"}`);
  }
  const settings: FileSettings = {};
  for (const name of ['url', 'apiKey', 'adminToken'] as const) {
    const value = (parsed as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      throw new UsageError(`the config file ${file}: "${name}" must be a string`);
    settings[name] = value;
  }
  return settings;
}

const pick = (...values: (string | undefined)[]): string | undefined =>
  values.find((value) => value !== undefined && value.trim() !== '')?.trim();

function sourceOf(flag: string | undefined, env: string | undefined, file: string | null): string {
  if (pick(flag)) return '--url';
  if (pick(env)) return 'HARK_URL';
  return file ? `"url" in ${file}` : 'the default URL';
}

/** A base URL must be absolute http(s); a bare "localhost:3000" is the usual slip. */
function checkedUrl(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${source} is not a URL: "${url}"; use e.g. ${DEFAULT_URL}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(
      `${source} must be an http:// or https:// URL, got "${parsed.protocol}"; use e.g. ${DEFAULT_URL}`,
    );
  }
  return url.replace(/\/+$/, '');
}
