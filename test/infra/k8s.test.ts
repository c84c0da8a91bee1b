// infra/k8s must agree with the code it deploys: each Deployment runs a service that exists, with
// the variables the config schema knows, probes on the port it listens on, secrets from a Secret,
// a grace period longer than the service's own drain, and an HPA on CPU.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, configVariableNames } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const dir = fileURLToPath(new URL('../../infra/k8s/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Probe {
  httpGet?: { path: string; port: number };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string> };
}
// biome-ignore lint/suspicious/noExplicitAny: Kubernetes documents are checked field by field below.
type Doc = { kind: string; metadata: { name: string }; spec: any; data?: Record<string, string> };

const kustomization = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
};
const docs: Doc[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((doc) => doc.toJS() as Doc),
);
const byKind = (kind: string) => docs.filter((doc) => doc.kind === kind);
const configMap = byKind('ConfigMap').find((doc) => doc.metadata.name === 'hark-config')!;
const deployments = byKind('Deployment');
const SHUTDOWN_GRACE_S = 10; // packages/core/src/fastify/run-service.ts

it('applies every manifest in the folder except the example secret', () => {
  const files = readdirSync(dir).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
  expect(files.filter((file) => !kustomization.resources.includes(file))).toEqual(['secret.example.yaml']);
});

it('deploys each of the three services', () => {
  expect(deployments.map((doc) => doc.metadata.name).sort()).toEqual([
    'conversation',
    'entitlements',
    'router',
  ]);
});

describe.each(deployments.map((doc) => [doc.metadata.name, doc] as const))('Deployment %s', (name, doc) => {
  const pod = doc.spec.template.spec;
  const container = pod.containers[0] as Container;
  const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable]));
  const port = Number(env.PORT?.value);

  it('runs a service that exists, listening on the port it exposes', () => {
    expect(readdirSync(path.join(root, 'services'))).toContain(name);
    expect(container.ports?.[0]?.containerPort).toBe(port);
    const service = byKind('Service').find((doc) => doc.metadata.name === name);
    expect(service?.spec.ports[0].targetPort).toBe(port);
  });

  it('is scraped on its metrics port (METRICS_PORT), which no Service exposes and is not the service port', () => {
    const metricsPort = Number(configMap.data?.METRICS_PORT ?? env.METRICS_PORT?.value);
    expect(
      metricsPort,
      'METRICS_PORT: /metrics is never served on the service port in production',
    ).toBeGreaterThan(0);
    expect(metricsPort).not.toBe(port);
    expect(container.ports?.map((p) => p.containerPort)).toEqual([port, metricsPort]);
    expect(doc.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(metricsPort),
      'prometheus.io/path': '/metrics',
    });
    const service = byKind('Service').find((doc) => doc.metadata.name === name);
    const exposed = (service?.spec.ports ?? []).map((p: { port: number; targetPort?: number | string }) =>
      Number(p.targetPort ?? p.port),
    );
    expect(exposed).not.toContain(metricsPort);
  });

  it('sets only variables the config schema knows, and passes it in production', () => {
    const names = [...Object.keys(env), ...Object.keys(configMap.data ?? {})];
    expect(names.filter((variable) => !configVariableNames.includes(variable))).toEqual([]);
    expect(container.envFrom?.[0]?.configMapRef?.name).toBe('hark-config');
    const filled = Object.fromEntries(
      Object.entries(env).map(([key, variable]) => [
        key,
        variable.value ?? 'k8s-test-secret-value-long-enough-for-production',
      ]),
    );
    const optional = Object.keys(env).filter((key) => env[key]!.valueFrom?.secretKeyRef?.optional);
    for (const key of optional) delete filled[key];
    const result = configSchema.safeParse({ ...configMap.data, ...filled });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([]);
  });

  it('takes every secret from the Secret, never as a value', () => {
    const secrets = Object.keys(env).filter((key) => /TOKEN|SECRET|(^|_)KEY$/.test(key));
    expect(secrets).toContain('ADMIN_TOKEN');
    for (const key of secrets) expect(env[key]!.valueFrom?.secretKeyRef?.name, key).toBe('hark-secrets');
    expect(Object.keys(configMap.data ?? {}).filter((key) => /TOKEN|SECRET|(^|_)KEY$/.test(key))).toEqual([]);
  });

  it('is ready on /readyz (Redis reachable) and alive on /healthz, on its port', () => {
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port });
  });

  it('gives the drain time to finish: grace period above the service’s own, after a preStop pause', () => {
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(SHUTDOWN_GRACE_S + 5);
    expect(container).toHaveProperty('lifecycle.preStop.exec.command');
    expect(doc.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('scales on CPU through an HPA (which needs CPU requests)', () => {
    const hpa = byKind('HorizontalPodAutoscaler').find((doc) => doc.spec.scaleTargetRef.name === name);
    expect(hpa?.spec.scaleTargetRef.kind).toBe('Deployment');
    expect(hpa?.spec.metrics[0].resource.name).toBe('cpu');
    expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(container.resources?.requests?.cpu).toBeTruthy();
  });
});
