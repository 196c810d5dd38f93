// How many clinics are stale or failing as a run starts, as a CloudWatch embedded-metric-format
// record: written to the coordinator's log, it becomes the metrics the staleness alarms watch
// (infra/constructs/aggregation.ts), with no metrics API call and no extra dependency.
export const AGGREGATION_METRICS_NAMESPACE = 'Outcomes/Aggregation';

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
