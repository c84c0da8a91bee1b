/**
 * Countries, US states, Canadian provinces and Australian states -> their main IANA zone.
 * Looked up before cities: a city's data set knows these names only through its cities
 * ("Florida" was a town in Uruguay, "Ontario" one in Oregon). A place with several zones
 * says which it answers for ("Texas (Central time)"); the US, Canada and Australia, whose
 * zones are hours apart and all populous, are asked about instead (see `SPLIT_REGIONS`).
 */

/** A zone as people name it: "Central time". */
interface Zone {
  timeZone: string;
  name: string;
}

export interface RegionZone {
  /** As Hark says it: "Texas", "the US". */
  name: string;
  timeZone: string;
  /** Said when the place spans several zones: "Central time". */
  zoneName?: string;
}

const zone = (timeZone: string, name: string): Zone => ({ timeZone, name });

const US = {
  eastern: zone('America/New_York', 'Eastern time'),
  central: zone('America/Chicago', 'Central time'),
  mountain: zone('America/Denver', 'Mountain time'),
  arizona: zone('America/Phoenix', 'Mountain time'),
  pacific: zone('America/Los_Angeles', 'Pacific time'),
  alaska: zone('America/Anchorage', 'Alaska time'),
  hawaii: zone('Pacific/Honolulu', 'Hawaii time'),
};
const CA = {
  newfoundland: zone('America/St_Johns', 'Newfoundland time'),
  atlantic: zone('America/Halifax', 'Atlantic time'),
  eastern: zone('America/Toronto', 'Eastern time'),
  central: zone('America/Winnipeg', 'Central time'),
  saskatchewan: zone('America/Regina', 'Central Standard time'),
  mountain: zone('America/Edmonton', 'Mountain time'),
  pacific: zone('America/Vancouver', 'Pacific time'),
};
const AU = {
  eastern: zone('Australia/Sydney', 'Eastern time'),
  queensland: zone('Australia/Brisbane', 'Eastern Standard time'),
  central: zone('Australia/Adelaide', 'Central time'),
  darwin: zone('Australia/Darwin', 'Central Standard time'),
  western: zone('Australia/Perth', 'Western time'),
};

/** Places (comma-separated, as Hark says them) in their zones, the main (most populous) one first. */
type RegionRow = readonly [places: string, ...zones: Zone[]];

const REGION_ROWS: readonly RegionRow[] = [
  // United States: states in more than one zone list the one most people live in first.
  [
    'Alabama, Arkansas, Illinois, Iowa, Louisiana, Minnesota, Mississippi, Missouri, Oklahoma, Wisconsin',
    US.central,
  ],
  [
    'Connecticut, Delaware, Georgia, Maine, Maryland, Massachusetts, New Hampshire, New Jersey, New York, North Carolina, Ohio, Pennsylvania, Rhode Island, South Carolina, Vermont, Virginia, West Virginia',
    US.eastern,
  ],
  ['Florida, Kentucky', US.eastern, US.central],
  ['Indiana', zone('America/Indiana/Indianapolis', 'Eastern time'), US.central],
  ['Michigan', zone('America/Detroit', 'Eastern time'), US.central],
  ['Tennessee', US.central, US.eastern],
  ['Texas, Kansas, Nebraska, North Dakota, South Dakota', US.central, US.mountain],
  ['Colorado, Montana, New Mexico, Utah, Wyoming', US.mountain],
  ['Arizona', US.arizona],
  ['Idaho', zone('America/Boise', 'Mountain time'), US.pacific],
  ['California, Nevada, Washington', US.pacific],
  ['Oregon', US.pacific, US.mountain],
  ['Alaska', US.alaska, zone('America/Adak', 'Hawaii-Aleutian time')],
  ['Hawaii', US.hawaii],
  ['Washington DC', US.eastern],
  ['Puerto Rico', zone('America/Puerto_Rico', 'Atlantic time')],
  // Canada.
  ['Ontario', CA.eastern, CA.central],
  ['Quebec', CA.eastern, CA.atlantic],
  ['Nova Scotia, Prince Edward Island', CA.atlantic],
  ['New Brunswick', zone('America/Moncton', 'Atlantic time')],
  ['Newfoundland and Labrador', CA.newfoundland, zone('America/Goose_Bay', 'Atlantic time')],
  ['Manitoba', CA.central],
  ['Saskatchewan', CA.saskatchewan],
  ['Alberta', CA.mountain],
  ['British Columbia', CA.pacific, CA.mountain],
  ['Yukon', zone('America/Whitehorse', 'Yukon time')],
  ['Northwest Territories', zone('America/Yellowknife', 'Mountain time')],
  ['Nunavut', zone('America/Iqaluit', 'Eastern time'), CA.central, CA.mountain],
  // Australia.
  ['New South Wales, Australian Capital Territory', AU.eastern],
  ['Victoria', zone('Australia/Melbourne', 'Eastern time')],
  ['Tasmania', zone('Australia/Hobart', 'Eastern time')],
  ['Queensland', AU.queensland],
  ['South Australia', AU.central],
  ['Northern Territory', AU.darwin],
  ['Western Australia', AU.western],
  // Countries in several zones, answered for the one most people live in.
  ['Russia', zone('Europe/Moscow', 'Moscow time'), zone('Asia/Yekaterinburg', 'Yekaterinburg time')],
  ['Brazil', zone('America/Sao_Paulo', 'Brasília time'), zone('America/Manaus', 'Amazon time')],
  ['Mexico', zone('America/Mexico_City', 'Central time'), zone('America/Tijuana', 'Pacific time')],
  [
    'Indonesia',
    zone('Asia/Jakarta', 'Western Indonesia time'),
    zone('Asia/Makassar', 'Central Indonesia time'),
  ],
];

/** Other names of the places above, normalised. */
const REGION_ALIASES: Readonly<Record<string, string>> = {
  'new york state': 'new york',
  'washington state': 'washington',
  dc: 'washington dc',
  'washington d c': 'washington dc',
  'district of columbia': 'washington dc',
  pei: 'prince edward island',
  newfoundland: 'newfoundland and labrador',
  bc: 'british columbia',
  nsw: 'new south wales',
  act: 'australian capital territory',
};

/** A country's part named by its zone: "the US" in Eastern time. */
const part = (country: string, { timeZone, name }: Zone): RegionZone => ({
  name: country,
  timeZone,
  zoneName: name,
});

/**
 * Parts of the countries that are asked about (split-regions.ts): their answers come back as
 * these locations. People also say some of them directly ("what time is it on the east coast").
 */
const ZONE_PARTS: Readonly<Record<string, RegionZone>> = {
  'us eastern': part('the US', US.eastern),
  'us central': part('the US', US.central),
  'us mountain': part('the US', US.mountain),
  'us pacific': part('the US', US.pacific),
  'eastern time': part('the US', US.eastern),
  'central time': part('the US', US.central),
  'mountain time': part('the US', US.mountain),
  'pacific time': part('the US', US.pacific),
  'east coast': part('the US', US.eastern),
  'west coast': part('the US', US.pacific),
  'canada eastern': part('Canada', CA.eastern),
  'canada central': part('Canada', CA.central),
  'canada mountain': part('Canada', CA.mountain),
  'canada pacific': part('Canada', CA.pacific),
  'canada atlantic': part('Canada', CA.atlantic),
  'australia eastern': part('Australia', AU.eastern),
  'australia central': part('Australia', AU.central),
};

/** Lower case, no accents or punctuation: how names are looked up. */
export const normalizePlace = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9/ -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function regionsByName(): Map<string, RegionZone> {
  const byName = new Map<string, RegionZone>(Object.entries(ZONE_PARTS));
  for (const [places, main, ...others] of REGION_ROWS) {
    const zoneName = others.length > 0 ? { zoneName: main!.name } : {};
    for (const name of places.split(', '))
      byName.set(normalizePlace(name), { name, timeZone: main!.timeZone, ...zoneName });
  }
  for (const [alias, name] of Object.entries(REGION_ALIASES)) byName.set(alias, byName.get(name)!);
  return byName;
}

const REGIONS = regionsByName();

/** "texas" -> Texas in Central time; undefined when it is no region of the table. */
export const regionZone = (said: string): RegionZone | undefined => REGIONS.get(said);
