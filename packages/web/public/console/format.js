/**
 * Number formats of the console, fixed to en-US so what an operator reads (and what a test
 * compares) does not depend on the browser's locale.
 */

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const count = (value) => counts.format(value);

/** Dollars already rounded to cents by the API. */
export const usd = (value) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;

/** Exact micro-dollars: LLM costs are fractions of a cent, so show six decimals. */
export const microUsd = (value) => `${value < 0 ? '-' : ''}$${(Math.abs(value) / 1_000_000).toFixed(6)}`;

/** A 0..1 share or ratio as a percentage; "—" for null (no denominator). */
export const percent = (value) =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;

/** YYYY-MM-DD of a Date, in UTC (the API's days are UTC days). */
export const utcDay = (date) => date.toISOString().slice(0, 10);

/** An instant on the operator's clock, to the minute: "2026-11-26 13:05"; "—" when there is none. */
export function localMinute(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '—';
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const currencyFormats = new Map();
/** Money Stripe reports in minor units of its currency ("usd" cents → "$12.34", "eur" → "€4.50"), never converted. */
export function money(minor, currency) {
  if (minor === null || minor === undefined) return '—';
  const code = currency.toUpperCase();
  if (!currencyFormats.has(code))
    currencyFormats.set(code, new Intl.NumberFormat('en-US', { style: 'currency', currency: code }));
  const format = currencyFormats.get(code);
  return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
}
