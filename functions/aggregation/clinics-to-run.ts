// Which clinics a run hands out, and how fresh each clinic's figures are: both decided from the
// clinic's registration and its one small bookkeeping item, so an idle run reads nothing else.
import { z } from 'zod';
import { FIGURES_LAYOUT, type ClinicAggregation } from '../store/clinic-aggregation.js';
import type { Clinic } from '../store/clinics.js';
import { staleAfterMinutes } from './freshness-metrics.js';

// A safety net: a clinic unvisited this long is visited anyway (one small feed read), in case an
// event was stored but ingest died before counting it.
const SWEEP_MS = 6 * 3_600_000;

/** Work waiting longer than this makes a clinic stale, for the deployment's run interval (infra sets AGGREGATION_RATE_MINUTES; 5 by default). */
export const STALE_AFTER_MS = staleAfterMinutes(z.coerce.number().positive().default(5).parse(process.env.AGGREGATION_RATE_MINUTES)) * 60_000;

export type ClinicFreshness = 'fresh' | 'stale' | 'failing';

export interface PendingWork {
  reason: 'never aggregated' | 'failed last time' | 'stored layout changed' | 'new events' | 'clients due' | 'time zone changed' | 'research consent changed' | 'sweep';
  /** Since when the figures have been behind, as near as the bookkeeping knows. */
  since: string;
}

/** Why a clinic has work, or null when its figures are up to date as of `asOf`. */
export function pendingWork(clinic: Clinic, state: ClinicAggregation | undefined, asOf: string): PendingWork | null {
  if (!state?.watermark || !state.asOf) return { reason: 'never aggregated', since: clinic.updatedAt };
  if (state.error) return { reason: 'failed last time', since: state.error.at };
  // Figures an earlier version stored in another layout: rebuilt by the first run after an upgrade.
  if (state.layout !== FIGURES_LAYOUT) return { reason: 'stored layout changed', since: state.asOf };
  if (Object.keys(state.storedBySecond).length > 0) return { reason: 'new events', since: state.pendingSince ?? state.asOf };
  if (state.nextDueAt && state.nextDueAt <= asOf) return { reason: 'clients due', since: state.nextDueAt };
  if (state.timeZone !== clinic.timeZone) return { reason: 'time zone changed', since: clinic.updatedAt };
  if (state.researchConsent !== clinic.researchConsent) return { reason: 'research consent changed', since: clinic.updatedAt };
  if (Date.parse(asOf) - Date.parse(state.asOf) >= SWEEP_MS) return { reason: 'sweep', since: asOf };
  return null;
}

/**
 * Failing: the last task failed. Stale: work has waited longer than STALE_AFTER_MS. Fresh
 * otherwise: the stored figures are what a run now would compute, or only just behind.
 */
export const clinicFreshness = (clinic: Clinic, state: ClinicAggregation | undefined, now: string): ClinicFreshness =>
  freshnessOf(state, pendingWork(clinic, state, now), now);

/** The same, from the clinic's pending work already worked out (the coordinator has it). */
export function freshnessOf(state: ClinicAggregation | undefined, work: PendingWork | null, now: string): ClinicFreshness {
  if (state?.error) return 'failing';
  if (!work) return 'fresh';
  return Date.parse(now) - Date.parse(work.since) > STALE_AFTER_MS ? 'stale' : 'fresh';
}
