/** Plain-text output helpers: aligned tables, durations, instants. No colour, so output pipes cleanly. */

export type Cell = string | number | boolean | null | undefined;

const GAP = '  ';

const text = (cell: Cell): string => {
  if (cell === null || cell === undefined || cell === '') return '-';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
};

/** Display width: code points, so "é" counts once. */
const width = (value: string): number => [...value].length;

/**
 * Rows as aligned columns, two spaces apart, the header (if any) first. Empty cells show as
 * "-"; the last column is not padded, so lines carry no trailing spaces.
 */
export function formatTable(rows: readonly (readonly Cell[])[], header?: readonly string[]): string {
  const all = (header ? [header, ...rows] : rows).map((row) => row.map(text));
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...all.map((row) => width(row[column] ?? ''))),
  );
  return all
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell)),
        )
        .join(GAP)
        .trimEnd(),
    )
    .join('\n');
}

/** "label  value" pairs, labels aligned; for one record (a user, a plan). */
export function formatFields(fields: readonly (readonly [string, Cell])[]): string {
  return formatTable(fields.map(([label, value]) => [label, value]));
}

/** A length of time for people: "45s", "4m 05s", "1h 02m", "3d 04h". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${two(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${two(Math.floor((seconds % 3600) / 60))}m`;
  return `${Math.floor(seconds / 86_400)}d ${two(Math.floor((seconds % 86_400) / 3600))}h`;
}

/**
 * An instant in the local zone of whoever runs the CLI: the time alone when it is on the same
 * day as `now`, else the date too. `timeZone` is for tests; the system zone by default.
 */
export function formatInstant(
  iso: string | null | undefined,
  options: { now?: Date; timeZone?: string } = {},
): string {
  if (!iso) return '-';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  // sv-SE writes dates as YYYY-MM-DD and times as HH:MM:SS.
  const format = (date: Date) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: options.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  const local = format(instant);
  const today = format(options.now ?? new Date()).slice(0, 10);
  return local.startsWith(today) ? local.slice(11) : local.slice(0, 16);
}

/** US dollars as "$12.34"; sub-cent amounts keep two significant digits, so LLM costs do not show as $0.00. */
export function formatUsd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '-';
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const digits =
    absolute !== 0 && absolute < 0.01 ? String(Number(absolute.toPrecision(2))) : absolute.toFixed(2);
  return `${sign}$${digits}`;
}

/** A 0..1 share as "42.5%"; "-" when there is none (a ratio with no denominator). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '-';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** Slots as "name=value" pairs, for a one-line summary. */
export function formatSlots(slots: Record<string, string | number>): string {
  return Object.entries(slots)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}
