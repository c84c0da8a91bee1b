import { describe, expect, it } from 'vitest';
import { configFilePath, DEFAULT_URL, type ReadFile, resolveSettings } from './config.js';
import { UsageError } from './exit-codes.js';

const files =
  (entries: Record<string, string>): ReadFile =>
  (file) =>
    entries[file] ?? null;
const noFiles: ReadFile = () => null;
const home = { HOME: '/home/ada' };
const defaultFile = '/home/ada/.config/hark/config.json';

describe('resolveSettings', () => {
  it('falls back to the default URL and no credentials', () => {
    expect(resolveSettings({}, home, noFiles)).toEqual({ url: DEFAULT_URL });
  });

  it('takes each setting from flags, then env, then the config file', () => {
    const file = files({
      [defaultFile]: JSON.stringify({ url: 'http://file:1', apiKey: 'file-key', adminToken: 'file-token' }),
    });
    const env = { ...home, HARK_URL: 'http://env:2', HARK_API_KEY: 'env-key' };
    expect(resolveSettings({ url: 'http://flag:3' }, env, file)).toEqual({
      url: 'http://flag:3',
      apiKey: 'env-key',
      adminToken: 'file-token',
      configFile: defaultFile,
    });
    expect(resolveSettings({ key: 'flag-key', adminToken: 'flag-token' }, env, file)).toMatchObject({
      url: 'http://env:2',
      apiKey: 'flag-key',
      adminToken: 'flag-token',
    });
    expect(resolveSettings({}, home, file)).toMatchObject({ url: 'http://file:1', apiKey: 'file-key' });
  });

  it('treats empty values as not given, and trims a trailing slash off the URL', () => {
    const env = { ...home, HARK_URL: '', HARK_API_KEY: '  ' };
    const file = files({ [defaultFile]: '{"url": "http://file:1/", "apiKey": "file-key"}' });
    expect(resolveSettings({ key: '' }, env, file)).toMatchObject({
      url: 'http://file:1',
      apiKey: 'file-key',
    });
  });

  it('reads --config before HARK_CONFIG before the default file', () => {
    const file = files({
      '/flag.json': '{"apiKey": "from-flag-file"}',
      '/env.json': '{"apiKey": "from-env-file"}',
      [defaultFile]: '{"apiKey": "from-default-file"}',
    });
    const env = { ...home, HARK_CONFIG: '/env.json' };
    expect(resolveSettings({ config: '/flag.json' }, env, file).apiKey).toBe('from-flag-file');
    expect(resolveSettings({}, env, file).apiKey).toBe('from-env-file');
    expect(resolveSettings({}, home, file).apiKey).toBe('from-default-file');
  });

  it('follows XDG_CONFIG_HOME for the default file', () => {
    expect(configFilePath({}, { ...home, XDG_CONFIG_HOME: '/xdg' })).toEqual({
      file: '/xdg/hark/config.json',
      explicit: false,
    });
    expect(configFilePath({}, {})).toEqual({ file: null, explicit: false });
  });

  it('ignores a missing default file but not a missing file someone named', () => {
    expect(() => resolveSettings({ config: '/nope.json' }, home, noFiles)).toThrow(
      new UsageError('the config file /nope.json does not exist'),
    );
    expect(() => resolveSettings({}, { ...home, HARK_CONFIG: '/nope.json' }, noFiles)).toThrow(UsageError);
  });

  it('refuses a config file that is not a JSON object of strings, without echoing its values', () => {
    const bad = (text: string) => () =>
      resolveSettings({ config: '/c.json' }, home, files({ '/c.json': text }));
    expect(bad('{"apiKey": "secret-1234",')).toThrow(/is not valid JSON/);
    expect(bad('["secret-1234"]')).toThrow(/must hold a JSON object/);
    expect(bad('{"apiKey": 1234}')).toThrow('the config file /c.json: "apiKey" must be a string');
    for (const text of ['{"apiKey": "secret-1234",', '["secret-1234"]']) {
      expect(bad(text)).not.toThrow(/secret-1234/);
    }
  });

  it('refuses a URL without http(s), naming where it came from', () => {
    expect(() => resolveSettings({ url: 'localhost:3000' }, home, noFiles)).toThrow(
      /--url must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => resolveSettings({}, { ...home, HARK_URL: 'not a url' }, noFiles)).toThrow(
      /HARK_URL is not a URL/,
    );
    const file = files({ [defaultFile]: '{"url": "ftp://x"}' });
    expect(() => resolveSettings({}, home, file)).toThrow(`"url" in ${defaultFile} must be`);
  });
});
