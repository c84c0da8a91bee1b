import type { HolidayId } from '@hark/contracts';
import { wordTable } from '../word-table.js';
import { phraseTableSpans } from './phrase-table.js';

/**
 * Holidays said by name -> the catalogue's holiday ids ("christmas day" -> "christmas").
 * Only the name: which date it falls on is the date skill's work, from the user's local
 * date and region (Thanksgiving, Mother's Day and Father's Day differ by country).
 */
const HOLIDAY_PHRASES: Readonly<Record<string, HolidayId>> = wordTable({
  christmas: 'christmas',
  'christmas day': 'christmas',
  xmas: 'christmas',
  'xmas day': 'christmas',
  'christmas eve': 'christmas_eve',
  'xmas eve': 'christmas_eve',
  'new years': 'new_years_day',
  'new year': 'new_years_day',
  'new years day': 'new_years_day',
  'the new year': 'new_years_day',
  'new years eve': 'new_years_eve',
  'new year eve': 'new_years_eve',
  halloween: 'halloween',
  "hallowe'en": 'halloween',
  valentines: 'valentines_day',
  'valentines day': 'valentines_day',
  'valentine day': 'valentines_day',
  'saint valentines day': 'valentines_day',
  'st valentines day': 'valentines_day',
  'st patricks day': 'st_patricks_day',
  'saint patricks day': 'st_patricks_day',
  'st patricks': 'st_patricks_day',
  'saint patricks': 'st_patricks_day',
  'st paddys day': 'st_patricks_day',
  'st pattys day': 'st_patricks_day',
  'paddys day': 'st_patricks_day',
  'patricks day': 'st_patricks_day',
  easter: 'easter',
  'easter sunday': 'easter',
  'easter day': 'easter',
  'mothers day': 'mothers_day',
  'mothering sunday': 'mothers_day',
  'fathers day': 'fathers_day',
  'independence day': 'independence_day',
  'fourth of july': 'independence_day',
  'the fourth of july': 'independence_day',
  'july fourth': 'independence_day',
  'the 4th of july': 'independence_day',
  '4th of july': 'independence_day',
  thanksgiving: 'thanksgiving',
  'thanksgiving day': 'thanksgiving',
});

/** Holiday spans starting at `start`, longest first. */
export const holidaySpans = phraseTableSpans(HOLIDAY_PHRASES);
