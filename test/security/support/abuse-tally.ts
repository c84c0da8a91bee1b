import { type Answer, sendOverHttp } from './fuzz-harness.js';
import type { FuzzRequest } from './request-arbitrary.js';

/** One line of the abuse run's table: what was sent, and what went wrong. */
export interface TallyRow {
  phase: string;
  requests: number;
  serverErrors: number;
  hangs: number;
  breaches: number;
  /** The first few problems, to say what a non-zero count was. */
  examples: string[];
  /** Answers by status class ("2xx", "4xx", …), to see how deep the requests got. */
  statuses: Map<string, number>;
}

export class AbuseTally {
  readonly rows: TallyRow[] = [];
  readonly notes: string[] = [];

  row(phase: string): TallyRow {
    const row: TallyRow = {
      phase,
      ...{ requests: 0, serverErrors: 0, hangs: 0, breaches: 0 },
      examples: [],
      statuses: new Map(),
    };
    this.rows.push(row);
    return row;
  }

  get total(): Omit<TallyRow, 'phase' | 'examples' | 'statuses'> {
    const sum = (pick: (row: TallyRow) => number) => this.rows.reduce((total, row) => total + pick(row), 0);
    return {
      requests: sum((row) => row.requests),
      serverErrors: sum((row) => row.serverErrors),
      hangs: sum((row) => row.hangs),
      breaches: sum((row) => row.breaches),
    };
  }

  /** The table as Markdown (it goes into docs/RELIABILITY.md as printed), then the notes. */
  table(seconds: number): string {
    const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
    const total = this.total;
    return [
      line(['phase', 'requests', '5xx', 'hangs', 'breaches']),
      line(['---', '---:', '---:', '---:', '---:']),
      ...this.rows.map((row) => line([row.phase, row.requests, row.serverErrors, row.hangs, row.breaches])),
      line([
        `**all** (${seconds.toFixed(1)} s)`,
        total.requests,
        total.serverErrors,
        total.hangs,
        total.breaches,
      ]),
      '',
      ...this.rows.filter((row) => row.statuses.size > 0).map((row) => `- ${row.phase}, ${answers(row)}.`),
      ...this.notes.map((note) => `- ${note}`),
      ...this.rows.flatMap((row) => row.examples.map((example) => `- ${row.phase}: ${example}`)),
    ].join('\n');
  }
}

const answers = (row: TallyRow) =>
  `answers: ${[...row.statuses]
    .sort()
    .map(([status, count]) => `${count}×${status}`)
    .join(', ')}`;

/** Counts an answer's status on its row: 2xx and 3xx by class, errors exactly. */
export const countStatus = (row: TallyRow, status: number) => {
  const name = status < 400 ? `${String(status)[0]}xx` : String(status);
  row.statuses.set(name, (row.statuses.get(name) ?? 0) + 1);
};

export const note = (row: TallyRow, problem: string) => {
  if (row.examples.length < 5) row.examples.push(problem.slice(0, 300));
};

/** An answer, or null when none came within `deadlineMs` (a hang). */
export async function sendWithDeadline(
  baseUrl: string,
  request: FuzzRequest,
  deadlineMs: number,
): Promise<Answer | 'hang' | 'reset'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), deadlineMs);
  });
  try {
    return await Promise.race([sendOverHttp(baseUrl, request).catch(() => 'reset' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}
