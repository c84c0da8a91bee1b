// docker-compose.yml and infra/Dockerfile must agree with the code they deploy: the config schema
// (variable names, production requirements), the services that exist, the ports they listen on.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, configVariableNames } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Dict = Record<string, string>;
interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Dict | string[] };
  command?: string | string[];
  environment?: Dict | string[];
  ports?: (string | number | { target: number | string })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test?: unknown };
  depends_on?: string[] | Record<string, { condition?: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as ComposeFile;
const dockerfile = read('infra/Dockerfile');

/** Compose accepts both `KEY: value` maps and `- KEY=value` lists. */
function asDict(value: Dict | string[] | undefined): Dict {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(value ?? {}).map(([key, v]) => [key, v == null ? '' : String(v)]));
}

const reference = /\$\{(\w+)(?:(:?[?-])([^}]*))?\}/g;
const dummySecret = 'compose-test-secret';
/** Secrets the schema checks the shape of get a dummy of that shape. */
const shapedDummySecrets: Dict = {
  STRIPE_SECRET_KEY: 'sk_test_composetest',
  STRIPE_WEBHOOK_SECRET: 'whsec_composetest',
  ADMIN_TOKEN: 'compose-test-operator-token-32-chars',
};

/** What compose would pass: `${X:?msg}` -> a dummy secret, `${X:-default}` -> the default. */
function interpolate(env: Dict): Dict {
  const resolve = (value: string) =>
    value.replace(reference, (_match, name: string, operator = '', text = '') =>
      operator.includes('?') ? (shapedDummySecrets[name] ?? dummySecret) : text,
    );
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, resolve(value)]));
}

/** Variables a `${VAR:?message}` reference makes compose refuse to start without. */
const requiredFromHost = (env: Dict) =>
  Object.keys(env).filter((key) => /^\$\{\w+:?\?[^}]+\}$/.test(env[key]!));

/** `$VAR` or `${VAR}`: compose substitutes an empty string, with only a warning, when VAR is unset. */
function hasUnguardedReference(value: string): boolean {
  const unescaped = value.replaceAll('$$', '');
  if ([...unescaped.matchAll(reference)].some((match) => !match[2])) return true;
  return /\$\w/.test(unescaped.replace(reference, ''));
}

const isSecretName = (name: string) => /TOKEN|SECRET|PASSWORD|(^|_)KEY$/.test(name);

function containerPorts(ports: ComposeService['ports'] = []): number[] {
  return ports.map((port) => {
    if (typeof port === 'object') return Number(port.target);
    const withoutProtocol = String(port).split('/')[0]!;
    return Number(withoutProtocol.split(':').at(-1));
  });
}

/** The schema's complaints about an environment, as "NAME: message" lines. */
function problems(env: Dict): string[] {
  // `${X:-}` passes an empty string, which loadConfig treats as unset: so must this check.
  const result = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const fromDockerfile = Object.entries(compose.services).filter(
  ([, service]) => path.normalize(service.build?.dockerfile ?? '') === path.normalize('infra/Dockerfile'),
);

it('docker-compose.yml builds at least one service from infra/Dockerfile', () => {
  expect(fromDockerfile.map(([name]) => name)).toContain('router');
});

describe.each(fromDockerfile)('compose service %s', (_name, service) => {
  const env = asDict(service.environment);
  const args = asDict(service.build?.args);

  it('builds a service that exists (build arg SERVICE)', () => {
    expect(args.SERVICE, 'build.args.SERVICE').toBeTruthy();
    expect(
      existsSync(path.join(root, 'services', args.SERVICE!, 'src', 'server.ts')),
      `services/${args.SERVICE}/src/server.ts`,
    ).toBe(true);
    expect(path.normalize(service.build?.context ?? ''), 'build context is the repository root').toBe('.');
  });

  it('publishes exactly the port the service listens on (PORT)', () => {
    expect(env.PORT, 'environment.PORT').toMatch(/^\d+$/);
    expect(containerPorts(service.ports)).toEqual([Number(env.PORT)]);
    if (args.PORT !== undefined) expect(args.PORT, 'build.args.PORT (EXPOSE)').toBe(env.PORT);
  });

  it('sets only variables the config schema knows', () => {
    const unknown = Object.keys(env).filter((name) => !configVariableNames.includes(name));
    expect(unknown, 'not in packages/core/src/config.ts').toEqual([]);
  });

  it('runs in production with every variable the schema requires there', () => {
    expect(env.NODE_ENV).toBe('production');
    const requiredInProduction = configSchema
      .safeParse({ NODE_ENV: 'production' })
      .error?.issues.map((issue) => String(issue.path[0]));
    expect(requiredInProduction, 'the schema requires some variables in production').not.toHaveLength(0);
    const missing = requiredInProduction!.filter((name) => !(name in env));
    expect(missing, 'required in production but not set in compose').toEqual([]);
    const complaints = problems({ ...interpolate(env), NODE_ENV: 'production' });
    expect(complaints, 'config schema problems with this environment (secrets filled in)').toEqual([]);
  });

  it('takes secrets from the host: required as :? references, optional as an empty :- default, never a value', () => {
    const secrets = Object.keys(env).filter(isSecretName);
    expect(secrets.length, 'a production service needs at least ADMIN_TOKEN').toBeGreaterThan(0);
    for (const name of secrets) {
      expect(env[name], `${name} must be \${${name}:?message} or \${${name}:-}`).toMatch(
        new RegExp(`^\\$\\{${name}(:\\?[^}]+|:-)\\}$`),
      );
    }
    expect(secrets.filter((name) => requiredFromHost(env).includes(name))).toContain('ADMIN_TOKEN');
    const unguarded = Object.keys(env).filter((name) => hasUnguardedReference(env[name]!));
    expect(unguarded, 'a $VAR reference without :? or :- silently becomes empty').toEqual([]);
  });

  it('fails to start when a required secret is missing', () => {
    const required = requiredFromHost(env);
    expect(required.length).toBeGreaterThan(0);
    const complete = problems({ ...interpolate(env), NODE_ENV: 'production' });
    expect(complete, 'the complete environment must pass first').toEqual([]);
    for (const name of required) {
      const { [name]: _removed, ...rest } = interpolate(env);
      const complaints = problems({ ...rest, NODE_ENV: 'production' });
      expect(
        complaints.some((line) => line.startsWith(`${name}:`)),
        `schema must reject a missing ${name}`,
      ).toBe(true);
    }
  });

  it('starts after Redis is healthy', () => {
    const dependsOn = service.depends_on;
    expect(Array.isArray(dependsOn) ? undefined : dependsOn?.redis?.condition).toBe('service_healthy');
  });
});

describe('compose service redis', () => {
  const redis = compose.services.redis!;
  const volumes = (redis.volumes ?? []).map((volume) =>
    typeof volume === 'string'
      ? { source: volume.split(':')[0]!, target: volume.split(':')[1]! }
      : { source: volume.source ?? '', target: volume.target },
  );

  it('runs Redis 7 with a health check', () => {
    expect(redis.image).toMatch(/^redis:7(\.|-|$)/);
    expect(redis.healthcheck?.test).toBeTruthy();
  });

  it('writes an append-only file', () => {
    const command = typeof redis.command === 'string' ? redis.command.split(/\s+/) : (redis.command ?? []);
    const flag = command.indexOf('--appendonly');
    if (flag >= 0) return expect(command[flag + 1]).toBe('yes');
    const configPath = command.find((arg) => arg.endsWith('.conf'));
    const mount = volumes.find((volume) => volume.target === configPath);
    expect(
      mount,
      `a host file mounted at ${configPath ?? '(no .conf argument or --appendonly flag)'}`,
    ).toBeDefined();
    const settings = read(mount!.source)
      .split('\n')
      .filter((line) => /^\s*appendonly\s/.test(line));
    expect(settings.at(-1)?.trim().split(/\s+/)[1], `appendonly in ${mount!.source}`).toBe('yes');
  });

  it('keeps /data on a named volume', () => {
    const data = volumes.find((volume) => volume.target === '/data');
    expect(data?.source, 'a volume mounted at /data').toMatch(/^[\w-]+$/);
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
  });
});

describe('infra/Dockerfile', () => {
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is one recipe for every service: ARG SERVICE', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE\s*$/m);
    expect(finalStage, 'the final stage carries SERVICE to run time').toMatch(/^\s*SERVICE=\$\{SERVICE\}/m);
  });

  it('builds and runs on Node 20 in every stage', () => {
    const images = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(images.length, 'multi-stage').toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/^node:20(\.\d+)*-bookworm-slim$/);
  });

  it('runs services/$SERVICE/dist/server.js as the node user, with a /healthz health check', () => {
    expect(finalStage).toMatch(/^CMD .*services\/\$\{SERVICE\}\/dist\/server\.js/m);
    expect(finalStage).toMatch(/^USER node\s*$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(finalStage).toMatch(/^EXPOSE /m);
  });
});

describe('compose profile multi (two routers behind a load balancer)', () => {
  const lb = compose.services.lb!;
  const config = read('infra/haproxy.cfg');
  const backends = [...config.matchAll(/^\s*server\s+\S+\s+([\w-]+):(\d+)\s.*$/gm)].map((match) => ({
    service: match[1]!,
    port: Number(match[2]),
  }));

  it('balances over at least two routers, each on the port it listens on', () => {
    expect(backends.length).toBeGreaterThanOrEqual(2);
    for (const backend of backends) {
      const service = compose.services[backend.service];
      expect(service, `compose service ${backend.service}`).toBeDefined();
      expect(asDict(service!.build?.args).SERVICE).toBe('router');
      expect(Number(asDict(service!.environment).PORT)).toBe(backend.port);
    }
  });

  it('checks /readyz, so a router that lost Redis leaves the pool', () => {
    expect(config).toMatch(/^\s*option httpchk GET \/readyz\s*$/m);
    expect(backends.length).toBe([...config.matchAll(/^\s*server .* check\b/gm)].length);
  });

  it('mounts that config, and only runs in the multi profile', () => {
    expect(lb.image).toMatch(/^haproxy:/);
    expect(lb.volumes).toContain('./infra/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    const extraRouters = backends.map((backend) => backend.service).filter((name) => name !== 'router');
    for (const name of ['lb', ...extraRouters]) {
      expect((compose.services[name] as { profiles?: string[] }).profiles).toEqual(['multi']);
    }
  });
});
