// The one place that decides what a clinic time zone is (SPEC §3: an IANA zone, default UTC). The
// API, the CLIs and the aggregation all ask here, so a zone that passes one passes all: an invalid
// zone would otherwise turn every day count of a clinic into NaN.
import { z } from 'zod';

/** A clinic with no stored settings yet counts its days in UTC (SPEC §3). */
export const DEFAULT_TIME_ZONE = 'UTC';

// Zones found valid so far: making a DateTimeFormat costs about 0.2 ms, and every clinic task
// asks. Only valid zones are kept, so the set is bounded by the IANA database whatever is sent.
const known = new Set<string>();

/** True for a zone the runtime's Intl knows (the IANA database), such as America/New_York. */
export function isTimeZone(zone: string): boolean {
  if (known.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  known.add(zone);
  return true;
}

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as America/New_York');
