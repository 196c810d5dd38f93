// How many clinics are stale or failing as a run starts, as a CloudWatch embedded-metric-format
// record: written to the coordinator's log, it becomes the metrics the staleness alarms watch
// (infra/constructs/aggregation.ts), with no metrics API call and no extra dependency.
export const AGGREGATION_METRICS_NAMESPACE = 'Outcomes/Aggregation';

/**
 * Minutes of waiting work after which a clinic counts as stale: two run intervals, and never less
 * than 30 (six 5-minute runs); with hourly runs, work waits up to an hour as a matter of course.
 * The coordinator, the admin overview and the alarm's description all use this one rule.
 */
export const staleAfterMinutes = (rateMinutes: number): number => Math.max(30, 2 * rateMinutes);

export function clinicFreshnessMetrics(found: { stale: number; failing: number }, stage: string, at = Date.now()) {
  return {
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: AGGREGATION_METRICS_NAMESPACE,
          Dimensions: [['Stage']],
          Metrics: [
            { Name: 'StaleClinics', Unit: 'Count' },
            { Name: 'FailingClinics', Unit: 'Count' },
          ],
        },
      ],
    },
    Stage: stage,
    StaleClinics: found.stale,
    FailingClinics: found.failing,
  };
}
