import type { Slots } from '@hark/contracts';
import { unitMeasure } from '../slots/units.js';
import type { Captures, IntentDefinition } from '../template-types.js';

/**
 * Unit conversion. Units are canonical convert-units abbreviations (see slots/units.ts);
 * both must measure the same thing, so "convert 5 km to kg" is not a conversion request.
 */
function resolveConversion(captures: Captures): Slots | null {
  const { value, from, to } = captures;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const measure = unitMeasure(String(from));
  if (measure === undefined || measure !== unitMeasure(String(to))) return null;
  return { value, from: String(from), to: String(to) };
}

export const unitIntents: readonly IntentDefinition[] = [
  {
    intent: 'units.convert',
    templates: [
      '(convert|change|turn) {number:value} {unit:from} (to|into|in) {unit:to}',
      'how many {unit:to} [are|is] [there] in {number:value} {unit:from}',
      'how many {unit:to} (is|are|make|makes|equal|equals|to) {number:value} {unit:from}',
      '(what is|how much is|how far is|how long is|how heavy is) {number:value} {unit:from} (in|to|as|into) {unit:to}',
      '{number:value} {unit:from} (in|to|into|as) {unit:to}',
      '{number:value} {unit:from} (is|equals|makes) how many {unit:to}',
    ],
    resolve: resolveConversion,
  },
];
