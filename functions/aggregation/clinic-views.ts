// The stored views of one clinic from its client summaries: the director's clinic view, the
// counselor views asked for, and the count row the network step reads. The one place that folds summaries into views, so a fold from
// mergeable per-bucket partials can replace it without touching the task around it.
import { caseload, clinicMetrics, compareModes, compareModesByCounselor, comparisonCounts, counselorMetrics, type ClientSummary } from '../metrics/index.js';
import { clinicCountRowItem } from '../store/clinic-count-rows.js';
import type { Clinic } from '../store/clinics.js';
import { clinicViewItem } from '../store/clinic-view.js';
import { counselorViewItem } from '../store/counselor-views.js';

export function clinicViewItems(clinic: Clinic, asOf: string, all: readonly ClientSummary[], counselorIds: Iterable<string>): Record<string, unknown>[] {
  const { clinicId, timeZone } = clinic;
  const byCounselor = new Map<string, ClientSummary[]>();
  for (const s of all) {
    const own = byCounselor.get(s.counselorId);
    if (own) own.push(s);
    else byCounselor.set(s.counselorId, [s]);
  }
  return [
    clinicViewItem({
      clinicId,
      timeZone,
      asOf,
      metrics: clinicMetrics(all),
      comparison: compareModes(all),
      counselorComparisons: compareModesByCounselor(all),
    }),
    clinicCountRowItem({ clinicId, asOf, counts: comparisonCounts(all) }),
    ...[...counselorIds].map((counselorId) => {
      const own = byCounselor.get(counselorId) ?? [];
      return counselorViewItem({ clinicId, counselorId, timeZone, asOf, metrics: counselorMetrics(own, counselorId), caseload: caseload(own, asOf, timeZone) });
    }),
  ];
}
