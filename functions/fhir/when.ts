// FHIR R4 `dateTime` / `date` (http://hl7.org/fhir/R4/datatypes.html#dateTime) → an RFC 3339
// timestamp with offset (SPEC §2 occurredAt). A full dateTime carries its own offset (FHIR requires
// one when a time is given). A date without a time is read as noon in the clinic's zone, so that
// it stays on the same clinic calendar day, which is what the metrics count in (SPEC §3).
import { tzOffset } from '@date-fns/tz';
import { Unmappable } from './mapping.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function instantOf(value: string | undefined, expression: string, timeZone: string): string {
  if (value !== undefined && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const date = value === undefined ? null : DATE.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utcNoon = Date.UTC(year, month - 1, day, 12);
    if (new Date(utcNoon).getUTCDate() === day && new Date(utcNoon).getUTCMonth() === month - 1) return `${value}T12:00:00${offsetText(noonOffset(timeZone, utcNoon))}`;
  }
  const got = value === undefined ? 'nothing' : `"${value}"`;
  throw new Unmappable(expression, `must be a dateTime with a time and offset, or a full date; got ${got}`);
}

/** The zone's UTC offset (minutes) at local noon of the day whose UTC noon is `utcNoon`. */
function noonOffset(timeZone: string, utcNoon: number): number {
  // Two passes: the offset at UTC noon may differ from local noon's across a DST change.
  const guess = tzOffset(timeZone, new Date(utcNoon));
  return tzOffset(timeZone, new Date(utcNoon - guess * 60_000));
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
