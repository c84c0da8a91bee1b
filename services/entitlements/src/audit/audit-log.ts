import type { AuditEntry } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { FastifyRequest } from 'fastify';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';

export type AuditActor = AuditEntry['actor'];

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

const operatorNamePattern = /^[\w .@+-]{1,64}$/;

/**
 * There is one operator token, so "who" is the operator, named by the optional x-operator
 * header (routes that change things validate it), and the request id that joins the logs.
 */
export function operatorActor(request: FastifyRequest): AuditActor {
  const name = request.headers['x-operator'];
  return {
    kind: 'operator',
    name: typeof name === 'string' && operatorNamePattern.test(name) ? name : null,
    requestId: request.id,
  };
}

export const systemActor: AuditActor = { kind: 'system', name: null, requestId: null };

const json = (value: unknown) => JSON.stringify(value ?? null);

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toEntry(id: string, flat: string[]): AuditEntry {
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < flat.length; index += 2) fields.set(flat[index]!, flat[index + 1]!);
  return {
    id,
    at: fields.get('at') ?? '',
    actor: {
      kind: fields.get('actorKind') === 'system' ? 'system' : 'operator',
      name: fields.get('actorName') || null,
      requestId: fields.get('requestId') || null,
    },
    action: fields.get('action') ?? '',
    target: fields.get('target') ?? '',
    before: parseJson(fields.get('before')),
    after: parseJson(fields.get('after')),
  };
}

/**
 * The audit log of operator changes: a Redis Stream, appended to and never trimmed or edited
 * (operator changes are few; an audit log that forgets is not one). Read newest first, with the
 * last entry id of a page as the cursor of the next.
 */
export class AuditLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementsServiceKeys,
    private readonly clock: Clock,
  ) {}

  async append(record: AuditRecord): Promise<string> {
    const id = await this.redis.xadd(
      this.keys.entitlementsAudit(),
      '*',
      'at',
      this.clock.now().toISOString(),
      'actorKind',
      record.actor.kind,
      'actorName',
      record.actor.name ?? '',
      'requestId',
      record.actor.requestId ?? '',
      'action',
      record.action,
      'target',
      record.target,
      'before',
      json(record.before),
      'after',
      json(record.after),
    );
    return id!;
  }

  async page(options: {
    limit: number;
    cursor?: string;
  }): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const end = options.cursor ? `(${options.cursor}` : '+';
    const raw = await this.redis.xrevrange(
      this.keys.entitlementsAudit(),
      end,
      '-',
      'COUNT',
      options.limit + 1,
    );
    const entries = raw.slice(0, options.limit).map(([id, flat]) => toEntry(id, flat));
    return { entries, nextCursor: raw.length > options.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
