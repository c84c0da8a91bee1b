import { numberInWords } from './number-words.js';

const units = [
  { name: 'day', seconds: 86_400 },
  { name: 'hour', seconds: 3_600 },
  { name: 'minute', seconds: 60 },
  { name: 'second', seconds: 1 },
] as const;

interface DurationPart {
  count: number;
  unit: string;
}

function partsOf(totalSeconds: number): DurationPart[] {
  let rest = Math.max(0, Math.round(totalSeconds));
  const parts: DurationPart[] = [];
  for (const unit of units) {
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (count > 0) parts.push({ count, unit: unit.name });
  }
  return parts;
}

type NumberStyle = 'digits' | 'words';

function sayPart(part: DurationPart, plural: boolean, numbers: NumberStyle): string {
  const count = numbers === 'words' ? (numberInWords(part.count) ?? String(part.count)) : String(part.count);
  return `${count} ${part.unit}${plural && part.count !== 1 ? 's' : ''}`;
}

/** Exact length as said: "10 minutes", "1 hour and 30 minutes", "1 minute and 5 seconds". */
export function spokenDuration(seconds: number, numbers: NumberStyle = 'digits'): string {
  const parts = partsOf(seconds).map((part) => sayPart(part, true, numbers));
  if (parts.length === 0) return '0 seconds';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The same as a modifier: "10 minute" (a 10 minute timer), "1 hour 30 minute". */
export function durationModifier(seconds: number, numbers: NumberStyle = 'digits'): string {
  return partsOf(seconds)
    .map((part) => sayPart(part, false, numbers))
    .join(' ');
}

/** Every way a person may name a length in an answer: "10 minutes", "10 minute", "ten minutes"... */
export function durationPhrases(seconds: number): string[] {
  const phrases = (['digits', 'words'] as const).flatMap((numbers) => [
    spokenDuration(seconds, numbers),
    durationModifier(seconds, numbers),
  ]);
  return [...new Set(phrases)];
}

/**
 * How far away something is, to the minute within a day and to the hour beyond: "in 25
 * minutes", "in 9 hours and 55 minutes", "in 2 days and 3 hours".
 */
export function spokenUntil(ms: number): string {
  if (ms < 60_000) return 'in less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 24 * 60) return `in ${spokenDuration(minutes * 60)}`;
  return `in ${spokenDuration(Math.round(minutes / 60) * 3600)}`;
}

/**
 * Time left as people say it: exact seconds under a minute; whole minutes and hours
 * without "about"; otherwise rounded to the minute with "about" ("about 4 minutes",
 * "about 1 hour and 20 minutes").
 */
export function spokenRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return spokenDuration(seconds === 0 ? 0 : seconds);
  if (seconds % 60 === 0) return spokenDuration(seconds);
  return `about ${spokenDuration(Math.round(seconds / 60) * 60)}`;
}
