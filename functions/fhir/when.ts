// FHIR R4 `dateTime` / `date` (http://hl7.org/fhir/R4/datatypes.html#dateTime) → an RFC 3339
// timestamp with offset (SPEC §2 occurredAt). A full dateTime carries its own offset (FHIR requires
// one when a time is given). A date without a time is read as noon in the clinic's zone, so that
// it stays on the same clinic calendar day, which is what the metrics count in (SPEC §3).
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { Unmappable } from './mapping.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function instantOf(value: string | undefined, expression: string, timeZone: string): string {
  if (value !== undefined && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const date = value === undefined ? null : DATE.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const noon = new TZDate(year, month - 1, day, 12, 0, 0, timeZone);
    if (noon.getFullYear() === year && noon.getMonth() === month - 1 && noon.getDate() === day) return formatISO(noon);
  }
  const got = value === undefined ? 'nothing' : `"${value}"`;
  throw new Unmappable(expression, `must be a dateTime with a time and offset, or a full date; got ${got}`);
}
