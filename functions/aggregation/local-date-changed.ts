import { localDayNumber } from '../metrics/clinic-calendar.js';

/**
 * Whether a calendar day has turned in any of the zones between two as-of times. Day-counted
 * figures (retention eligibility, 60 days lost to contact, 30 days without a review, the 26-week
 * window) move with the calendar even for clients with no new events, so then every client is
 * re-derived.
 */
export const localDateChanged = (previousAsOf: string, asOf: string, timeZones: readonly string[]) =>
  timeZones.some((zone) => localDayNumber(previousAsOf, zone) !== localDayNumber(asOf, zone));
