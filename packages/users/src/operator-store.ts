import { randomBytes } from 'node:crypto';
import type { Operator, OperatorRole } from '@hark/contracts';
import { type Clock, generateId, type RedisClient, sha256Hex } from '@hark/core';
import type { UserKeys } from './user-keys.js';

/** The built-in owner of ADMIN_TOKEN: how the first named operators are made (never stored). */
export const bootstrapOperator: Operator = {
  id: 'bootstrap',
  name: 'bootstrap',
  role: 'owner',
  createdAt: '',
  hint: '',
};

const toOperator = (fields: Record<string, string>): Operator | null =>
  fields.id
    ? {
        id: fields.id,
        name: fields.name ?? fields.id,
        role: (fields.role ?? 'viewer') as OperatorRole,
        createdAt: fields.createdAt ?? '',
        hint: fields.hint ?? '',
      }
    : null;

/**
 * Named operator tokens with a role. A token is shown once, when created, and stored only as its
 * SHA-256 hash; revoking deletes the hash's lookup, and every lookup reads Redis (nothing is
 * cached), so a revoked token is refused at once by every instance.
 */
export class OperatorStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys,
    private readonly clock: Clock,
  ) {}

  async create(name: string, role: OperatorRole): Promise<{ operator: Operator; token: string }> {
    // 32 random bytes, with a prefix so a leaked token is easy to scan for and to tell from an API key.
    const token = `hark_op_${randomBytes(32).toString('base64url')}`;
    const hash = sha256Hex(token);
    const operator: Operator = {
      id: generateId('op'),
      name,
      role,
      createdAt: this.clock.now().toISOString(),
      hint: token.slice(-4),
    };
    await this.redis.hset(this.keys.operator(operator.id), { ...operator, hash });
    await this.redis.sadd(this.keys.operatorIds, operator.id);
    await this.redis.set(this.keys.operatorByTokenHash(hash), operator.id);
    return { operator, token };
  }

  /** Every named operator, oldest first. */
  async list(): Promise<Operator[]> {
    const ids = await this.redis.smembers(this.keys.operatorIds);
    const all = await Promise.all(ids.map((id) => this.redis.hgetall(this.keys.operator(id))));
    return all
      .map(toOperator)
      .filter((operator): operator is Operator => operator !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(id: string): Promise<Operator | null> {
    return toOperator(await this.redis.hgetall(this.keys.operator(id)));
  }

  /** Revokes the operator's token; the revoked operator, or null when there is none. */
  async revoke(id: string): Promise<Operator | null> {
    const fields = await this.redis.hgetall(this.keys.operator(id));
    const operator = toOperator(fields);
    if (!operator) return null;
    if (fields.hash) await this.redis.del(this.keys.operatorByTokenHash(fields.hash));
    await this.redis.srem(this.keys.operatorIds, id);
    await this.redis.del(this.keys.operator(id));
    return operator;
  }

  /** The operator a token belongs to, or null. */
  async authenticate(token: string): Promise<Operator | null> {
    const id = await this.redis.get(this.keys.operatorByTokenHash(sha256Hex(token)));
    return id ? this.get(id) : null;
  }
}
