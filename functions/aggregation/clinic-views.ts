// The clinic's stored views from its merged partial aggregate: the director's clinic view and the
// count row the network step reads. (Counselor views are made with each counselor's caseload.)
import { clinicMetricsOf, compareModesByCounselorOf, compareModesOf, comparisonCountsOf, type GroupPartial } from '../metrics/index.js';
import type { Clinic } from '../store/clinics.js';
import { clinicCountRowItem } from '../store/clinic-count-rows.js';
import { clinicViewItems as viewItems } from '../store/clinic-view.js';

export function clinicViewItems(clinic: Clinic, asOf: string, partial: GroupPartial): Record<string, unknown>[] {
  const { clinicId, timeZone } = clinic;
  return [
    ...viewItems({
      clinicId,
      timeZone,
      asOf,
      metrics: clinicMetricsOf(partial),
      comparison: compareModesOf(partial),
      counselorComparisons: compareModesByCounselorOf(partial),
    }),
    clinicCountRowItem({ clinicId, asOf, counts: comparisonCountsOf(partial) }),
  ];
}
