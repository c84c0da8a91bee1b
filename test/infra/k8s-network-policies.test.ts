// infra/k8s/network-policies.yaml (issue 20): ingress is denied in the namespace unless allowed; the
// router is reachable from anywhere on its port; conversation and entitlements only from router pods;
// Redis only from the three services. Selectors and ports are checked against the Deployments and
// StatefulSet they must match, so renaming a label or moving a port cannot silently open or close a path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const dir = fileURLToPath(new URL('../../infra/k8s/', import.meta.url));

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface PolicyPort {
  protocol?: string;
  port: number | string;
}
interface IngressRule {
  from?: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector }[];
  ports?: PolicyPort[];
}
interface Policy {
  kind: 'NetworkPolicy';
  metadata: { name: string };
  spec: { podSelector: LabelSelector; policyTypes: string[]; ingress?: IngressRule[] };
}
interface Workload {
  kind: string;
  metadata: { name: string };
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: { containers: { ports?: { name?: string; containerPort: number }[] }[] };
    };
  };
}

const kustomization = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
};
const docs = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((doc) => doc.toJS()),
) as (Policy | Workload)[];
const policies = docs.filter((doc): doc is Policy => doc.kind === 'NetworkPolicy');
const workloads = docs.filter(
  (doc): doc is Workload => doc.kind === 'Deployment' || doc.kind === 'StatefulSet',
);
const SERVICES = ['router', 'conversation', 'entitlements'];

/** Does `selector` select pods with `labels` (Kubernetes' rules for matchLabels and In/NotIn/Exists)? */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every((expression) => {
    const value = labels[expression.key];
    if (expression.operator === 'In') return value !== undefined && expression.values!.includes(value);
    if (expression.operator === 'NotIn') return value === undefined || !expression.values!.includes(value);
    if (expression.operator === 'Exists') return value !== undefined;
    return value === undefined; // DoesNotExist
  });
  return byLabel && byExpression;
}

const labelsOf = (name: string) =>
  workloads.find((w) => w.metadata.name === name)!.spec.template.metadata.labels;
const containerPorts = (name: string) =>
  workloads.find((w) => w.metadata.name === name)!.spec.template.spec.containers[0]!.ports ?? [];
/** The main port of a workload: its first container port (the one its Service targets). */
const mainPort = (name: string) => containerPorts(name)[0]!.containerPort;

/** The ingress rules of every policy selecting `name`'s pods. */
const rulesFor = (name: string) =>
  policies
    .filter((policy) => selects(policy.spec.podSelector, labelsOf(name)))
    .flatMap((p) => p.spec.ingress ?? []);

/** Which workloads (by name) may open `port` on `target`'s pods, and whether anyone outside may. */
function allowedSources(target: string, port: number | string) {
  const rules = rulesFor(target).filter((rule) =>
    (rule.ports ?? []).some((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP'),
  );
  const fromAnywhere = rules.some((rule) => !rule.from || rule.from.length === 0);
  const peers = rules.flatMap((rule) => rule.from ?? []);
  const podPeers = peers.filter((peer) => peer.podSelector && !peer.namespaceSelector);
  const workloadsAllowed = workloads
    .map((w) => w.metadata.name)
    .filter((name) => podPeers.some((peer) => selects(peer.podSelector!, labelsOf(name))));
  const otherNamespaces = peers.filter((peer) => peer.namespaceSelector);
  return { fromAnywhere, workloads: workloadsAllowed.sort(), otherNamespaces };
}

it('is applied with the rest, and denies all ingress in the namespace by default', () => {
  expect(kustomization.resources).toContain('network-policies.yaml');
  const denyAll = policies.filter(
    (policy) =>
      Object.keys(policy.spec.podSelector).length === 0 &&
      policy.spec.policyTypes.includes('Ingress') &&
      (policy.spec.ingress ?? []).length === 0,
  );
  expect(denyAll).toHaveLength(1);
});

it('selects only pods that exist: every policy matches at least one workload', () => {
  for (const policy of policies.filter((p) => Object.keys(p.spec.podSelector).length > 0)) {
    const matched = workloads.filter((w) =>
      selects(policy.spec.podSelector, w.spec.template.metadata.labels),
    );
    expect(matched.length, policy.metadata.name).toBeGreaterThan(0);
  }
});

describe('who reaches whom', () => {
  it('lets anyone reach the router, on its port only', () => {
    expect(allowedSources('router', mainPort('router')).fromAnywhere).toBe(true);
    const openPorts = rulesFor('router')
      .filter((rule) => !rule.from)
      .flatMap((rule) => rule.ports ?? []);
    expect(openPorts.map((p) => p.port)).toEqual([mainPort('router')]);
  });

  it.each([
    ['conversation', ['router']],
    ['entitlements', ['router']],
    ['redis', SERVICES.slice().sort()],
  ])('lets only %s’s callers reach it on its port: %j', (target, callers) => {
    const allowed = allowedSources(target, mainPort(target));
    expect(allowed.fromAnywhere).toBe(false);
    expect(allowed.workloads).toEqual(callers);
    expect(allowed.otherNamespaces).toEqual([]);
  });

  it('opens nothing else on the inner services and Redis but a named metrics port', () => {
    for (const target of ['conversation', 'entitlements', 'redis']) {
      for (const rule of rulesFor(target)) {
        expect(rule.from?.length, target).toBeGreaterThan(0);
        for (const port of rule.ports ?? []) {
          if (port.port === mainPort(target)) continue;
          expect(port.port, target).toBe('metrics');
          expect(containerPorts(target).map((p) => p.name)).toContain('metrics');
        }
      }
    }
  });
});
