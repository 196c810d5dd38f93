// The clinic's stored views from its merged partial aggregate: the director's clinic view and the
// count row the network step reads. (A counselor's view is put together on read: store/counselor-views.ts.)
import {
  clinicMetricsOf,
  compareModesByCounselorOf,
  comparisonOfTally,
  countsOfTally,
  groupTally,
  type ComparisonCounts,
  type GroupPartial,
} from '../metrics/index.js';
import type { Clinic } from '../store/clinics.js';
import { clinicCountRowItem } from '../store/clinic-count-rows.js';
import { clinicViewItems as viewItems } from '../store/clinic-view.js';

/**
 * The clinic view's items and its count row. With `previous` (the count cells before this task),
 * the count row is left out when its cells are unchanged: most events (sessions, measures) move no
 * closed goal or retention cell, and the network step reads only the cells.
 */
export function clinicViewItems(clinic: Clinic, asOf: string, partial: GroupPartial, previous?: ComparisonCounts): Record<string, unknown>[] {
  const { clinicId, timeZone } = clinic;
  // The whole clinic's tally, merged once for its metrics, its comparison and its count cells.
  const tally = groupTally(partial);
  const counts = countsOfTally(tally);
  const unchanged = previous !== undefined && JSON.stringify(previous) === JSON.stringify(counts);
  return [
    ...viewItems({
      clinicId,
      timeZone,
      asOf,
      metrics: clinicMetricsOf(partial, {}, tally),
      comparison: comparisonOfTally(tally),
      counselorComparisons: compareModesByCounselorOf(partial),
    }),
    ...(unchanged ? [] : [clinicCountRowItem({ clinicId, asOf, counts })]),
  ];
}
