import type { Units } from '@hark/contracts';
import type { UnitDescription } from 'convert-units';
import { preferredUnits } from '../preferred-units.js';
import { type Skill, type SkillResult, say } from '../skill.js';
import { convert, EVERYDAY_UNITS, findUnit, MEASURE_WORDS, unitName } from './unit-catalog.js';

/**
 * A converted value rounded to 3 significant figures, as people say it: "11", "37.8",
 * "1,610", "0.621", never "1.0000001".
 */
export const roundForSpeech = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }).format(value || 0);

/** The number the user gave, as given (up to 6 decimals). */
const givenNumber = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value || 0);

const countOf = (formatted: string) => (formatted === '1' || formatted === '-1' ? 'one' : 'many');

const measureList = (): string => {
  const words = Object.values(MEASURE_WORDS);
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
};

function unknownUnit(said: string): SkillResult {
  const what = said ? `the unit "${said}"` : 'which unit you mean';
  return say(`I don't know ${what}. I can convert ${measureList()}.`, { data: { unknownUnit: said } });
}

/**
 * With no target unit ("convert 5 kilometers"): the user's own system, or the other one
 * when the value is already in theirs; time and data sizes are put in the best unit.
 */
function targetSystem(from: UnitDescription, mine: Units): string {
  if (from.system !== 'metric' && from.system !== 'imperial') return from.system;
  if (from.system !== mine) return mine;
  return mine === 'metric' ? 'imperial' : 'metric';
}

function defaultTarget(value: number, from: UnitDescription, mine: Units): UnitDescription | undefined {
  const exclude = convert()
    .possibilities(from.measure)
    .filter((abbr) => !EVERYDAY_UNITS.has(abbr));
  const best = convert(value)
    .from(from.abbr)
    .toBest({ system: targetSystem(from, mine), exclude });
  return best ? findUnit(best.unit) : undefined;
}

function conversionReply(
  value: number,
  from: UnitDescription,
  to: UnitDescription,
  locale: string,
): SkillResult {
  const result = convert(value).from(from.abbr).to(to.abbr);
  const given = givenNumber(value, locale);
  const rounded = roundForSpeech(result, locale);
  const text = `${given} ${unitName(from, countOf(given), locale)} is ${rounded} ${unitName(to, countOf(rounded), locale)}.`;
  return say(text, {
    data: {
      value,
      from: from.abbr,
      to: to.abbr,
      measure: from.measure,
      result,
      rounded: Number(result.toPrecision(3)),
    },
  });
}

/** units.convert: value (a number; spoken numbers arrive parsed), from and to (convert-units abbreviations or names). */
export const unitsSkill: Skill = {
  id: 'units',
  intents: ['units.convert'],
  help: 'convert units ("how many cups in a liter", "75 fahrenheit in celsius")',
  handle(_intent, slots, context) {
    const value = typeof slots.value === 'number' ? slots.value : Number(slots.value);
    if (!Number.isFinite(value)) return say('Which number should I convert?');
    const fromSaid = typeof slots.from === 'string' ? slots.from : '';
    const toSaid = typeof slots.to === 'string' ? slots.to : '';
    const from = findUnit(fromSaid);
    if (!from) return unknownUnit(fromSaid);
    const to = toSaid
      ? findUnit(toSaid)
      : defaultTarget(value, from, preferredUnits(context.profile, context.locale));
    if (!to) return unknownUnit(toSaid);
    if (to.measure !== from.measure) {
      const locale = context.locale;
      return say(`I can't convert ${unitName(from, 'many', locale)} to ${unitName(to, 'many', locale)}.`, {
        data: { from: from.abbr, to: to.abbr, compatible: false },
      });
    }
    return conversionReply(value, from, to, context.locale);
  },
};
