import type { AuditEntry, OperatorRole } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { FastifyRequest } from 'fastify';
import type { UserKeys } from './user-keys.js';

export type AuditActor = AuditEntry['actor'];

export interface AuditRecord {
  actor: AuditActor;
  /** The operator's own words (the x-operator header): free text, proves nothing. */
  note?: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

const notePattern = /^[\w .@+-]{1,64}$/;

/**
 * Who did it, from the operator token the request was authenticated with (never from a header),
 * and the optional x-operator header as a note. The request id only joins the log lines: a
 * caller may choose it, so it proves nothing.
 */
export function byOperator(request: FastifyRequest): { actor: AuditActor; note: string | null } {
  const operator = request.operator;
  const note = request.headers['x-operator'];
  return {
    actor: {
      kind: 'operator',
      id: operator?.id ?? null,
      name: operator?.name ?? null,
      role: operator?.role ?? null,
      requestId: request.id,
    },
    note: typeof note === 'string' && notePattern.test(note) ? note : null,
  };
}

/** The actor of an operator request (byOperator without the note). */
export const operatorActor = (request: FastifyRequest): AuditActor => byOperator(request).actor;

export const systemActor: AuditActor = { kind: 'system', id: null, name: null, role: null, requestId: null };

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
      id: fields.get('actorId') || null,
      // Entries written before operator tokens had names hold the x-operator header here.
      name: fields.get('actorName') || null,
      role: (fields.get('actorRole') || null) as OperatorRole | null,
      requestId: fields.get('requestId') || null,
    },
    note: fields.get('note') || null,
    action: fields.get('action') ?? '',
    target: fields.get('target') ?? '',
    before: parseJson(fields.get('before')),
    after: parseJson(fields.get('after')),
  };
}

/**
 * The audit log of operator changes: a Redis Stream, appended to and never trimmed or edited
 * (operator changes are few; an audit log that forgets is not one). The router (users, API keys,
 * operators) and the entitlement service (plans, grants, kill switches, Stripe) both append to it.
 * Read newest first, with the last entry id of a page as the cursor of the next.
 */
export class AuditLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys,
    private readonly clock: Clock,
  ) {}

  async append(record: AuditRecord): Promise<string> {
    const { actor } = record;
    const id = await this.redis.xadd(
      this.keys.operatorAudit,
      '*',
      'at',
      this.clock.now().toISOString(),
      'actorKind',
      actor.kind,
      'actorId',
      actor.id ?? '',
      'actorName',
      actor.name ?? '',
      'actorRole',
      actor.role ?? '',
      'requestId',
      actor.requestId ?? '',
      'note',
      record.note ?? '',
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
    const raw = await this.redis.xrevrange(this.keys.operatorAudit, end, '-', 'COUNT', options.limit + 1);
    const entries = raw.slice(0, options.limit).map(([id, flat]) => toEntry(id, flat));
    return { entries, nextCursor: raw.length > options.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
