// A client's goals within one episode: planned up front (mode by the counselor's habit, fate by
// prognosis and mode), then set, reviewed and closed as attended sessions come.
import type { goalDomains, goalOutcomes } from '../events/schema.js';
import type { ClientTraits } from './client-traits.js';
import type { ClinicProfile } from './clinic-profiles.js';
import type { PlannedCounselor } from './network-plan.js';
import { logistic, type Random } from './random.js';
import type { Delivery, StoryWriter } from './story-writer.js';

type Domain = (typeof goalDomains)[number];
type Outcome = (typeof goalOutcomes)[number];
type Level = -2 | -1 | 0 | 1 | 2;

export interface Goal {
  goalId: string;
  mode: 'collaborative' | 'directive';
  domain: Domain;
  weight: 1 | 2 | 3;
  /** What happens if the client stays long enough. */
  outcome: Outcome;
  finalLevel: Level;
  /** The attended session (1-based, within the episode) at which the goal is set. */
  setAtVisit: number;
  /** Attended sessions after setting until it is closed. */
  closeAfterVisits: number;
  delivery: Delivery;
  visitsSinceSet: number;
  state: 'planned' | 'open' | 'closed';
}

// Directive-goal attainment at average prognosis is about even; prognosis moves it strongly.
const ATTAINMENT_BASE = 0.1;
const ATTAINMENT_PER_PROGNOSIS = 1.0;
const NO_GOALS_SHARE = 0.08;
const REVIEW_EVERY_VISITS = 3;
// The first goal comes at intake or the session after; later ones as treatment unfolds.
const SET_AT_VISIT: readonly [number, number][] = [[1, 2], [3, 5], [6, 9], [10, 14]];

const secondaryDomains = (traits: ClientTraits): Record<Domain, number> => ({
  substance_use: 0.1,
  mental_health: 0.25,
  physical_health: 0.1,
  relationships: 0.18,
  employment_education: 0.15,
  housing: 0.08,
  legal: traits.referral === 'mandated' ? 0.3 : 0.04,
  other: 0.04,
});

const finalLevels: Record<Outcome, Record<`${Level}`, number>> = {
  achieved: { '-2': 0, '-1': 0, 0: 0.45, 1: 0.35, 2: 0.2 },
  not_achieved: { '-2': 0.4, '-1': 0.6, 0: 0, 1: 0, 2: 0 },
  abandoned: { '-2': 0.3, '-1': 0.5, 0: 0.2, 1: 0, 2: 0 },
};

export function planGoals(
  rng: Random,
  writer: StoryWriter,
  traits: ClientTraits,
  profile: ClinicProfile,
  counselor: PlannedCounselor,
): Goal[] {
  if (rng.chance(NO_GOALS_SHARE)) return [];
  const count = Number(rng.weighted({ 1: 0.3, 2: 0.35, 3: 0.25, 4: 0.1 }));
  return Array.from({ length: count }, (_, i): Goal => {
    const mode = rng.chance(counselor.collaborativeShare) ? 'collaborative' : 'directive';
    const pAchieved = logistic(
      ATTAINMENT_BASE + ATTAINMENT_PER_PROGNOSIS * traits.prognosis + (mode === 'collaborative' ? profile.modeEffect : 0),
    );
    const outcome: Outcome = rng.chance(pAchieved) ? 'achieved' : rng.chance(0.65) ? 'not_achieved' : 'abandoned';
    const [from, to] = SET_AT_VISIT[i]!;
    return {
      goalId: writer.nextGoalId(),
      mode,
      domain: i === 0 && rng.chance(0.85) ? 'substance_use' : rng.weighted(secondaryDomains(traits)),
      weight: Number(rng.weighted({ 1: 0.6, 2: 0.3, 3: 0.1 })) as Goal['weight'],
      outcome,
      finalLevel: Number(rng.weighted(finalLevels[outcome])) as Level,
      setAtVisit: rng.int(from, to),
      closeAfterVisits: outcome === 'achieved' ? rng.int(4, 12) : outcome === 'not_achieved' ? rng.int(5, 14) : rng.int(3, 9),
      // A few goal.set events reach the platform late or never (SPEC §2 referential problems).
      delivery: rng.chance(0.006) ? 'never' : rng.chance(0.015) ? 'late' : 'on_time',
      visitsSinceSet: 0,
      state: 'planned',
    };
  });
}

/** Sets, reviews and closes goals at an attended session. */
export function progressGoals(rng: Random, writer: StoryWriter, goals: Goal[], visit: number, ms: number): void {
  for (const goal of goals) {
    if (goal.state === 'open') {
      goal.visitsSinceSet++;
      if (goal.visitsSinceSet >= goal.closeAfterVisits) {
        closeGoal(rng, writer, goal, goal.outcome, ms);
      } else if (goal.visitsSinceSet % REVIEW_EVERY_VISITS === 0) {
        writer.add(ms, { type: 'goal.reviewed', goalId: goal.goalId, level: reviewLevel(rng, goal) });
      }
    } else if (goal.state === 'planned' && goal.setAtVisit === visit) {
      goal.state = 'open';
      writer.add(ms, { type: 'goal.set', goalId: goal.goalId, mode: goal.mode, domain: goal.domain, weight: goal.weight }, goal.delivery);
    }
  }
}

/**
 * At discharge, open goals are closed as planned after a completed course; after any other
 * ending they are abandoned, or left open when nobody tidies up the record.
 */
export function closeOpenGoals(rng: Random, writer: StoryWriter, goals: Goal[], completed: boolean, ms: number): void {
  for (const goal of goals) {
    if (goal.state !== 'open') continue;
    if (completed) closeGoal(rng, writer, goal, goal.outcome, ms);
    else if (rng.chance(0.6)) closeGoal(rng, writer, goal, 'abandoned', ms);
  }
}

function closeGoal(rng: Random, writer: StoryWriter, goal: Goal, outcome: Outcome, ms: number): void {
  goal.state = 'closed';
  const level = outcome === goal.outcome && rng.chance(0.75) ? goal.finalLevel : undefined;
  writer.add(ms, level === undefined
    ? { type: 'goal.closed', goalId: goal.goalId, outcome }
    : { type: 'goal.closed', goalId: goal.goalId, outcome, level });
}

/** GAS level on the way from "somewhat less than expected" (−1) to the goal's final level. */
function reviewLevel(rng: Random, goal: Goal): number {
  const progress = goal.visitsSinceSet / goal.closeAfterVisits;
  const level = Math.round(-1 + (goal.finalLevel + 1) * progress + rng.normal(0, 0.6));
  return Math.max(-2, Math.min(2, level));
}
