// The metrics engine: pure functions from events to figures, no I/O.
//
// Design
//  - summarizeClient(events, { asOf, timeZone }) folds ONE client's events into a ClientSummary, a
//    compact JSON item (one DynamoDB item per client). It depends only on the set of events: they are
//    deduplicated by id, put in canonical order (occurredAt, then id) and cut at asOf. Days, ISO weeks
//    and months are counted in the clinic's IANA zone (clinic-calendar.ts).
//  - Episodes (episodes.ts): a discharge ends an episode; the next enrolment or attended session
//    opens a new one. Engagement (attendance, retention, dropout, days in treatment) is figured per
//    episode and counted in episodes, as TEDS-D counts discharges, under the mode of the goals set
//    during the episode; goals, measures, GAS and period activity are the client's whole history.
//  - Sessions are keyed by sessionId; a later event for a session corrects its status, ties going
//    to attended over no_show over cancelled (sessions.ts).
//  - Everything above the client works on ClientSummary[] only: groupMetrics / clinicMetrics /
//    counselorMetrics (SPEC §3), caseload (flags + 26 ISO weeks), compareModes (SPEC §5 within a
//    clinic), networkComparison (Mantel–Haenszel across clinics, suppressed per SPEC §7). Folds are
//    independent of summary order.
//  - Group figures are read from mergeable partial aggregates (group-partial.ts: counts, exact sums,
//    sums of squares, day histograms): groupPartialOf(summaries), mergeGroupPartials(parts), then
//    groupMetricsOf / clinicMetricsOf / counselorMetricsOf / compareModesOf /
//    compareModesByCounselorOf / comparisonCountsOf. The summary-based functions go through them,
//    so a clinic re-folded from merged bucket partials has figures identical to a full recompute.
//  - clientDueTimes(summary, timeZone, events) (due-time.ts): the instants after asOf at which a
//    client's own figures change with time alone, so a run re-derives only the clients that are
//    due; nextDueAt adds the turn of the week and month and takes the earliest.
//  - Figures that cannot be computed are null (with a reason for the statistics), never 0/NaN/∞.
export { summarizeClient } from './client-summary.js';
export type * from './client-summary-types.js';
export { clientModes, goalModes } from './client-summary-types.js';
export * from './group-partial.js';
export * from './group-metrics.js';
export * from './clinic-metrics.js';
export * from './activity-trends.js';
export * from './caseload.js';
export * from './comparison.js';
export * from './network-comparison.js';
export { gasTScore } from './gas-t-score.js';
export * from './due-time.js';
