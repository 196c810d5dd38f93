// A small hand-built clinic in UTC, as of 1 June 2025, used by the group-level tests.
//  - ana (collaborative, counselor c1): enrolled 1 Jan, attends 1 Jan, 10 Feb, 15 Apr; goal a1
//    achieved at +1 after 40 days; SRS 38; WAI-SR 48; ORS 20 → 30.
//  - ben (collaborative, c1): enrolled 1 Feb, attends 1 Feb, no-show 8 Feb; goal b1 closed not
//    achieved at −1; discharged dropped_out 1 Mar; SRS 30; WAI-SR 36.
//  - cy (directive, c2): enrolled 1 Jan, attends 1 Jan, 1 Mar (day 59); goal c1 achieved after 20
//    days, level 0; goal c2 open, level −1; ORS 24 → 26.
//  - dee (mixed, c2): enrolled 15 May, attends 15 May; goals d1 collaborative, d2 directive; WAI-SR 40.
//  - eve (none, c2): enrolled 1 Jan, attends 5 Jan and 12 Jan; discharged completed 1 Feb.
import type { Event } from '../../functions/events/schema.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { closed, discharged, enrolled, goalSet, measured, reviewed, session } from './event-builders.js';

export const AS_OF = '2025-06-01T00:00:00Z';
/** Twelve WAI-SR items (1–5) adding up to `total`. */
const wai = (total: number) => Array.from({ length: 12 }, (_, i) => Math.floor(total / 12) + (i < total % 12 ? 1 : 0));

type Who = { clientId: string; counselorId: string };
const client = (clientId: string, counselorId: string, build: (who: Who) => Event[]) =>
  summarizeClient(build({ clientId, counselorId }), { asOf: AS_OF, timeZone: 'UTC' });

export const clinic: ClientSummary[] = [
  client('ana', 'c1', (w) => [
    enrolled('2025-01-01T09:00:00Z', w),
    session('2025-01-01T09:00:00Z', 'attended', w),
    goalSet('2025-01-01T10:00:00Z', 'a1', 'collaborative', 1, w),
    measured('2025-01-01T10:00:00Z', 'ORS', [5, 5, 5, 5], w),
    session('2025-02-10T09:00:00Z', 'attended', w),
    closed('2025-02-10T10:00:00Z', 'a1', 'achieved', 1, w),
    session('2025-04-15T09:00:00Z', 'attended', w),
    measured('2025-04-15T10:00:00Z', 'SRS', [9.5, 9.5, 9.5, 9.5], w),
    measured('2025-04-15T10:00:00Z', 'WAI-SR', wai(48), w),
    measured('2025-04-15T10:01:00Z', 'ORS', [7.5, 7.5, 7.5, 7.5], w),
  ]),
  client('ben', 'c1', (w) => [
    enrolled('2025-02-01T09:00:00Z', w),
    session('2025-02-01T09:00:00Z', 'attended', w),
    goalSet('2025-02-01T10:00:00Z', 'b1', 'collaborative', 1, w),
    measured('2025-02-01T10:00:00Z', 'SRS', [7.5, 7.5, 7.5, 7.5], w),
    measured('2025-02-01T10:00:00Z', 'WAI-SR', wai(36), w),
    session('2025-02-08T09:00:00Z', 'no_show', w),
    closed('2025-02-20T10:00:00Z', 'b1', 'not_achieved', -1, w),
    discharged('2025-03-01T10:00:00Z', 'dropped_out', w),
  ]),
  client('cy', 'c2', (w) => [
    enrolled('2025-01-01T09:00:00Z', w),
    session('2025-01-01T09:00:00Z', 'attended', w),
    goalSet('2025-01-01T10:00:00Z', 'c1', 'directive', 1, w),
    goalSet('2025-01-01T10:00:00Z', 'c2', 'directive', 1, w),
    measured('2025-01-01T10:00:00Z', 'ORS', [6, 6, 6, 6], w),
    closed('2025-01-21T10:00:00Z', 'c1', 'achieved', 0, w),
    session('2025-03-01T09:00:00Z', 'attended', w),
    reviewed('2025-03-01T10:00:00Z', 'c2', -1, w),
    measured('2025-03-01T10:00:00Z', 'ORS', [6.5, 6.5, 6.5, 6.5], w),
  ]),
  client('dee', 'c2', (w) => [
    enrolled('2025-05-15T09:00:00Z', w),
    session('2025-05-15T09:00:00Z', 'attended', w),
    goalSet('2025-05-15T10:00:00Z', 'd1', 'collaborative', 1, w),
    goalSet('2025-05-15T10:00:00Z', 'd2', 'directive', 1, w),
    measured('2025-05-15T10:00:00Z', 'WAI-SR', wai(40), w),
  ]),
  client('eve', 'c2', (w) => [
    enrolled('2025-01-01T09:00:00Z', w),
    session('2025-01-05T09:00:00Z', 'attended', w),
    session('2025-01-12T09:00:00Z', 'attended', w),
    discharged('2025-02-01T09:00:00Z', 'completed', w),
  ]),
];
