import type { FollowUpChoice } from '../skill.js';

/**
 * Countries whose zones are hours apart and all populous: "what time is it in the US" is
 * answered with a question ("Which part of the US: ...?"). Each choice's value is a
 * location the next turn resolves (region-zones.ts); its phrases are what people answer,
 * zone names and the best-known places in it.
 */
export interface SplitRegion {
  question: string;
  choices: FollowUpChoice[];
}

const choice = (value: string, phrases: string[]): FollowUpChoice => ({ value, phrases });

const UNITED_STATES: SplitRegion = {
  question: 'Which part of the US: Eastern, Central, Mountain or Pacific time?',
  choices: [
    choice('us eastern', ['eastern', 'east', 'east coast', 'new york', 'florida', 'boston', 'washington dc']),
    choice('us central', ['central', 'midwest', 'chicago', 'texas', 'houston', 'dallas']),
    choice('us mountain', ['mountain', 'denver', 'colorado', 'rockies', 'utah']),
    choice('us pacific', ['pacific', 'west', 'west coast', 'california', 'los angeles', 'seattle']),
    choice('arizona', ['arizona', 'phoenix']),
    choice('alaska', ['alaska']),
    choice('hawaii', ['hawaii']),
  ],
};

const CANADA: SplitRegion = {
  question: 'Which part of Canada: Pacific, Mountain, Central, Eastern, Atlantic or Newfoundland time?',
  choices: [
    choice('canada pacific', ['pacific', 'west', 'west coast', 'british columbia', 'vancouver']),
    choice('canada mountain', ['mountain', 'alberta', 'calgary', 'edmonton']),
    choice('canada central', ['central', 'manitoba', 'winnipeg']),
    choice('saskatchewan', ['saskatchewan', 'regina', 'saskatoon']),
    choice('canada eastern', ['eastern', 'east', 'ontario', 'quebec', 'toronto', 'montreal', 'ottawa']),
    choice('canada atlantic', ['atlantic', 'maritimes', 'nova scotia', 'halifax', 'new brunswick']),
    choice('newfoundland', ['newfoundland', "st john's", 'st johns']),
  ],
};

const AUSTRALIA: SplitRegion = {
  question: 'Which part of Australia: Eastern, Central or Western?',
  choices: [
    choice('australia eastern', [
      'eastern',
      'east',
      'east coast',
      'sydney',
      'melbourne',
      'canberra',
      'victoria',
    ]),
    // Queensland and the Northern Territory keep standard time all year.
    choice('queensland', ['queensland', 'brisbane', 'gold coast']),
    choice('australia central', ['central', 'adelaide', 'south australia']),
    choice('northern territory', ['northern territory', 'darwin']),
    choice('western australia', ['western', 'west', 'perth', 'western australia']),
    choice('tasmania', ['tasmania', 'hobart']),
  ],
};

const SPLIT_REGIONS: ReadonlyMap<string, SplitRegion> = new Map([
  ...['us', 'usa', 'u s', 'u s a', 'united states', 'united states of america', 'america', 'states'].map(
    (name) => [name, UNITED_STATES] as const,
  ),
  ['canada', CANADA],
  ['australia', AUSTRALIA],
]);

/** The question to ask when `said` (normalised) is such a country; undefined otherwise. */
export const splitRegion = (said: string): SplitRegion | undefined => SPLIT_REGIONS.get(said);
