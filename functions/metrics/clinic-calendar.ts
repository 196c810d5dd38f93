// SPEC §3: days, weeks and months are counted in the clinic's IANA time zone, so an event at
// 23:30 UTC on 31 January belongs to February in Berlin. Everything calendar-shaped goes through here.
import { tzOffset } from '@date-fns/tz';
import { parseInstant } from './instant.js';

const MS_PER_DAY = 86_400_000;
// Every UTC-offset change of the tz database falls on a quarter hour of UTC, so an offset looked up
// once holds for its whole quarter hour. Intl (behind tzOffset) is slow; a fold over a year of
// events asks for the same few thousand quarter hours again and again.
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

function offsetMs(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(bucket * QUARTER_HOUR_MS)) * 60_000;
    zone.set(bucket, offset);
  }
  return offset;
}

/** The clinic-local calendar day as a day count since 1970-01-01, for whole-day differences. */
export const localDayNumber = (iso: string, timeZone: string): number => localDayNumberAt(parseInstant(iso), timeZone);

/** localDayNumber of an epoch-millisecond instant. */
export const localDayNumberAt = (ms: number, timeZone: string): number => Math.floor((ms + offsetMs(ms, timeZone)) / MS_PER_DAY);

/**
 * The first instant (epoch ms) of clinic-local day `day`: the earliest at which localDayNumberAt
 * reaches it. Local midnight, unless a DST change skips midnight, then the end of the gap.
 */
export function localDayStartAt(day: number, timeZone: string): number {
  const reached = (ms: number) => localDayNumberAt(ms, timeZone) >= day;
  // UTC midnight shifted by the offset in force there, then by the offset in force at the result:
  // right everywhere but across an offset change near midnight, which the bisection below settles.
  const guess = day * MS_PER_DAY - offsetMs(day * MS_PER_DAY - offsetMs(day * MS_PER_DAY, timeZone), timeZone);
  if (reached(guess) && !reached(guess - 1)) return guess;
  // Offsets lie within ±18 h (the tz database's range is −12 h … +14 h).
  let before = day * MS_PER_DAY - 18 * 3_600_000;
  let after = day * MS_PER_DAY + 18 * 3_600_000;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (reached(middle)) after = middle;
    else before = middle;
  }
  return after;
}

const dates = new Map<number, string>();

/** The calendar date of a localDayNumber, e.g. "2025-02-10". */
export function dateOfDay(day: number): string {
  const known = dates.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  dates.set(day, date);
  return date;
}

/** Whole calendar days from `fromIso` to `toIso` in the clinic zone (negative if `to` is earlier). */
export const calendarDaysBetween = (fromIso: string, toIso: string, timeZone: string): number =>
  localDayNumber(toIso, timeZone) - localDayNumber(fromIso, timeZone);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ISO 8601 week, e.g. "2025-W05": Monday-first weeks, and week 1 is the one holding the year's
 * first Thursday, so a week belongs to the year of its Thursday.
 */
export const isoWeekKey = (iso: string, timeZone: string): string => isoWeekKeyOfDay(localDayNumber(iso, timeZone));

// A year of events falls on a few hundred distinct days, and a summary keys every session and goal
// by month and by week: the strings are built once per day, not once per event.
const monthKeys = new Map<number, string>();
const isoWeekKeys = new Map<number, string>();

/** monthKey of a localDayNumber. */
export function monthKeyOfDay(day: number): string {
  let key = monthKeys.get(day);
  if (key === undefined) {
    const date = new Date(day * MS_PER_DAY);
    key = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}`;
    monthKeys.set(day, key);
  }
  return key;
}

/** Days since the Monday on or before a local day number: day 0, 1970-01-01, was a Thursday. */
const daysSinceMonday = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** The local day number of the Monday after `day`. */
export const nextMondayOfDay = (day: number): number => day + 7 - daysSinceMonday(day);

/** The local day number of the first of the month after `day`'s. */
export function nextMonthStartOfDay(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
}

/** isoWeekKey of a localDayNumber. */
export function isoWeekKeyOfDay(day: number): string {
  let key = isoWeekKeys.get(day);
  if (key === undefined) {
    const mondayBased = daysSinceMonday(day);
    const thursday = new Date((day - mondayBased + 3) * MS_PER_DAY);
    const year = thursday.getUTCFullYear();
    const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * MS_PER_DAY));
    key = `${pad(year, 4)}-W${pad(week)}`;
    isoWeekKeys.set(day, key);
  }
  return key;
}

/** The `count` ISO weeks ending with the one holding `asOf`, oldest first. */
export function lastIsoWeeks(asOf: string, timeZone: string, count: number): string[] {
  const day = localDayNumber(asOf, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const utcMidnight = new Date((day - 7 * (count - 1 - i)) * MS_PER_DAY).toISOString();
    return isoWeekKey(utcMidnight, 'UTC');
  });
}

/** Every month from `first` to `last` inclusive ("YYYY-MM" strings). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}
