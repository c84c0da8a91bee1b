import type { Slots } from '@hark/contracts';
import { unitMeasure } from '../slots/units.js';
import type { Captures, IntentDefinition } from '../template-types.js';

/**
 * Unit conversion. Units are canonical convert-units abbreviations (see slots/units.ts);
 * both must measure the same thing, so "convert 5 km to kg" is not a conversion request.
 * Bare "degrees" converted to Celsius or Fahrenheit are taken to be the other scale, and
 * ounces next to a volume are fluid ounces.
 */
function resolveConversion(captures: Captures): Slots | null {
  const { value } = captures;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const from = ouncesByVolume(String(captures.from), String(captures.to));
  const to = ouncesByVolume(String(captures.to), String(captures.from));
  const measure = unitMeasure(String(from));
  if (measure === undefined || measure !== unitMeasure(String(to))) return null;
  return { value, from: String(from), to: String(to) };
}

/** "How many ounces in a cup": next to a volume, ounces are fluid ounces. */
function ouncesByVolume(unit: string, other: string): string {
  return unit === 'oz' && unitMeasure(other) === 'volume' ? 'fl-oz' : unit;
}

/** "30 degrees in fahrenheit": the degrees are on the scale the question is not asking for. */
function resolveBareDegrees(captures: Captures): Slots | null {
  const other: Readonly<Record<string, string>> = { C: 'F', F: 'C' };
  const from = other[String(captures.to)];
  return from === undefined ? null : resolveConversion({ ...captures, from });
}

export const unitIntents: readonly IntentDefinition[] = [
  {
    intent: 'units.convert',
    templates: [
      '(convert|change|turn|translate) {number:value} {unit:from} (to|into|in|in to) {unit:to}',
      'how many {unit:to} [are|is] [there] in {number:value} {unit:from}',
      'how many {unit:to} (is|are|make|makes|equal|equals|to|does it take to make|go into) {number:value} {unit:from}',
      '(what is|how much is|how many is|how far is|how long is|how heavy is|how big is|how fast is|what are) {number:value} {unit:from} (in|to|as|into|in terms of) {unit:to}',
      'what is {number:value} {unit:from} (converted|conversion) (to|into) {unit:to}',
      'what is the conversion (of|from|for) {number:value} {unit:from} (to|into|in) {unit:to}',
      '{number:value} {unit:from} (in|to|into|as|in terms of|converted to) {unit:to}',
      '{number:value} {unit:from} (is|equals|makes|is equal to) how many {unit:to}',
      '{unit:to} in {number:value} {unit:from}',
    ],
    resolve: resolveConversion,
  },
  {
    intent: 'units.convert',
    templates: [
      '[convert|change|what is|how much is] {number:value} degrees (in|to|into) {unit:to}',
      'how many degrees {unit:to} is {number:value} degrees',
    ],
    resolve: resolveBareDegrees,
  },
];
