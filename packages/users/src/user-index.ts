import { HarkError, type RedisClient } from '@hark/core';
import type { UserKeys } from './user-keys.js';
import type { User } from './user-store.js';

/** A page of GET /admin/users: `query` empty or absent lists every user, newest first. */
export interface UserListQuery {
  query?: string;
  limit: number;
  /** `nextCursor` of the previous page, asked with the same query. */
  cursor?: string;
}

export interface UserPage {
  users: User[];
  nextCursor: string | null;
}

const SEPARATOR = '\0';
/** A byte above every byte of UTF-8 text: the upper end of a prefix range. */
const ABOVE_ALL_TEXT = Buffer.from([0xff]);
const creationMemberPattern = /^[^ ]* [A-Za-z0-9_-]{1,64}$/;

/** Raw bytes for ZRANGEBYLEX: "[" or "(" then the member (names may hold any UTF-8). */
const lexBound = (kind: '[' | '(', text: string, ...tail: Buffer[]) =>
  Buffer.concat([Buffer.from(kind + text), ...tail]);

const creationMember = (user: User) => `${user.createdAt} ${user.id}`;
const searchMember = (term: string, userId: string) => `${term.toLowerCase()}${SEPARATOR}${userId}`;
const idAfterLast = (member: string, separator: string) => member.slice(member.lastIndexOf(separator) + 1);

const encodeCursor = (member: string) => Buffer.from(member).toString('base64url');
function decodeCursor(cursor: string, fits: (member: string) => boolean): string {
  const member = Buffer.from(cursor, 'base64url').toString();
  if (!fits(member)) throw new HarkError('VALIDATION', { summary: 'cursor: not a cursor of this listing' });
  return member;
}

/** One ordering of the index: members after a member, and the user a member stands for (or null). */
interface IndexOrder {
  after(member: string | undefined, count: number): Promise<string[]>;
  userOf(member: string, users: ReadonlyMap<string, User>): User | null;
  idOf(member: string): string;
  /** Whether a cursor's member can come from this ordering (and query). */
  fits(member: string): boolean;
}

/**
 * The operators' list of users: every user by creation time, and every lower-cased id and name
 * for prefix search, in two lexicographic sorted sets kept by UserStore.createUser. Users made
 * before the index existed are added once, by the first listing (see `ensureBackfilled`).
 */
export class UserIndex {
  private backfilling: Promise<void> | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys,
    private readonly readUser: (id: string) => Promise<User | null>,
  ) {}

  /** Adds a user; the same user again changes nothing. */
  async add(user: User): Promise<void> {
    const terms = new Set([searchMember(user.id, user.id), searchMember(user.name, user.id)]);
    await Promise.all([
      this.redis.zadd(this.keys.usersByCreation, 0, creationMember(user)),
      this.redis.zadd(this.keys.userSearch, ...[...terms].flatMap((member) => [0, member])),
    ]);
  }

  async list({ query, limit, cursor }: UserListQuery): Promise<UserPage> {
    await this.ensureBackfilled();
    const prefix = (query ?? '').trim().toLowerCase();
    return prefix === ''
      ? this.page(this.newestFirst(), limit, cursor)
      : this.page(this.matching(prefix), limit, cursor);
  }

  private newestFirst(): IndexOrder {
    const idOf = (member: string) => idAfterLast(member, ' ');
    return {
      after: (member, count) =>
        this.redis.zrevrangebylex(
          this.keys.usersByCreation,
          member === undefined ? '+' : lexBound('(', member),
          '-',
          'LIMIT',
          0,
          count,
        ),
      userOf: (member, users) => users.get(idOf(member)) ?? null,
      idOf,
      fits: (member) => creationMemberPattern.test(member),
    };
  }

  /**
   * Users whose id or name starts with `prefix`, in the order of the matching text. A user who
   * matches twice (id "ada", name "Adalbert") is listed once, at the first of the two, so no page
   * repeats a user of another.
   */
  private matching(prefix: string): IndexOrder {
    const idOf = (member: string) => idAfterLast(member, SEPARATOR);
    return {
      after: (member, count) =>
        this.redis.zrangebylex(
          this.keys.userSearch,
          member === undefined ? lexBound('[', prefix) : lexBound('(', member),
          lexBound('[', prefix, ABOVE_ALL_TEXT),
          'LIMIT',
          0,
          count,
        ),
      userOf: (member, users) => {
        const user = users.get(idOf(member));
        if (!user) return null;
        const terms = [user.id, user.name]
          .map((term) => term.toLowerCase())
          .filter((t) => t.startsWith(prefix));
        // Only the first of a user's matching terms lists the user; a stale term (a renamed user) none.
        return terms.length > 0 && searchMember(terms.sort()[0]!, user.id) === member ? user : null;
      },
      idOf,
      fits: (member) => member.startsWith(prefix) && member.includes(SEPARATOR) && idOf(member) !== '',
    };
  }

  /** Reads the index in batches until `limit` users were found, or the index ends. */
  private async page(order: IndexOrder, limit: number, cursor: string | undefined): Promise<UserPage> {
    let after = cursor === undefined ? undefined : decodeCursor(cursor, order.fits);
    const users: User[] = [];
    let lastTaken: string | undefined;
    for (;;) {
      const batch = await order.after(after, limit + 1);
      const read = await Promise.all(batch.map((member) => this.readUser(order.idOf(member))));
      const byId = new Map(read.filter((user) => user !== null).map((user) => [user.id, user]));
      for (const member of batch) {
        const user = order.userOf(member, byId);
        if (!user) continue;
        if (users.length === limit) return { users, nextCursor: encodeCursor(lastTaken!) };
        users.push(user);
        lastTaken = member;
      }
      if (batch.length <= limit) return { users, nextCursor: null };
      after = batch.at(-1);
    }
  }

  /**
   * Users made before the index existed are in no sorted set: the first listing adds every user
   * hash it finds (SCAN, on every master of a Cluster), then marks the index complete. Adding is
   * idempotent, so two instances doing it at once do no harm; users made meanwhile are added by
   * createUser anyway.
   */
  private ensureBackfilled(): Promise<void> {
    this.backfilling ??= this.backfill().catch((error: unknown) => {
      this.backfilling = undefined; // try again on the next listing
      throw error;
    });
    return this.backfilling;
  }

  private async backfill(): Promise<void> {
    if (await this.redis.exists(this.keys.userIndexBackfilled)) return;
    for await (const ids of this.userIdBatches()) {
      const users = await Promise.all(ids.map((id) => this.readUser(id)));
      await Promise.all(users.filter((user) => user !== null).map((user) => this.add(user)));
    }
    await this.redis.set(this.keys.userIndexBackfilled, new Date().toISOString());
  }

  /** The ids of every user hash, from its key (`<prefix>{<id>}:user`), a SCAN batch at a time. */
  private async *userIdBatches(): AsyncGenerator<string[]> {
    const mark = '\u0001';
    const [head = '', tail = ''] = this.keys.user(mark).split(mark);
    const glob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');
    const pattern = `${glob(head)}*${glob(tail)}`;
    const nodes = 'nodes' in this.redis ? this.redis.nodes('master') : [this.redis];
    for (const node of nodes) {
      let scanCursor = '0';
      do {
        const [next, keys] = await node.scan(scanCursor, 'MATCH', pattern, 'COUNT', 500);
        scanCursor = next;
        yield keys.map((key) => key.slice(head.length, key.length - tail.length));
      } while (scanCursor !== '0');
    }
  }
}
