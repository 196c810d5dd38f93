// The disclosure audit (SPEC §7): what an attacker can learn about each protected figure from every
// linear relation published to every audience, by linear programming (HiGHS). For each target (a
// primary-suppressed count: a hidden cell, or a hidden total as a sum of hidden cells) and each
// attacker (what they know in full, e.g. every clinic of one director's token), the feasible interval
// is [min, max] of the target over { x ≥ 0 : every published relation holds, known entries fixed }.
// This is the classic audit of cell suppression (Cox 1980, "Suppression methodology and statistical
// disclosure control", JASA 75:377–385; Fischetti & Salazar-González 2001 for the LP view).
// The target is protected when its interval contains both 0 and 11.
import { type LinearModel, solve, type Term } from './lp-model.js';
import { PROTECTION_LEVEL } from './small-count.js';

export type { Term } from './lp-model.js';

/** A hidden entry of the published figures, with its true value. */
export type HiddenVariable = { name: string; value: number };
/** A published linear relation over hidden entries: Σ coefficient·x = value (published entries moved into value). */
export type LinearRelation = { terms: readonly Term[]; value: number };
/** A figure to protect: offset + Σ coefficient·x. A cell is one term with offset 0. */
export type AuditTarget = { name: string; terms: readonly Term[]; offset: number; value: number };
/** An attacker knows these hidden entries exactly (e.g. the cells of the clinics in their token). */
export type Attacker = { name: string; knows: readonly number[] };

export type DisclosureProblem = {
  variables: readonly HiddenVariable[];
  relations: readonly LinearRelation[];
  targets: readonly AuditTarget[];
  attackers: readonly Attacker[];
};

/**
 * The target's feasible interval for one attacker, and how much of it they know without solving
 * anything (published entries in it, and their own entries): the protection rule applies to the
 * rest, so a network total is judged by the part the attacker's own clinics did not contribute.
 */
export type FeasibleInterval = { target: string; attacker: string; value: number; lower: number; upper: number; known: number };
export type AuditReport = { intervals: FeasibleInterval[]; violations: FeasibleInterval[] };

const TOLERANCE = 1e-6;

/**
 * Every target's feasible interval against every attacker who does not already know it. Only the
 * relations connected to the target's unknowns are put into each LP: the published relations of a
 * table split into independent blocks once known entries are substituted.
 */
async function feasibleIntervals(problem: DisclosureProblem, select: (target: AuditTarget, attacker: Attacker) => boolean = () => true): Promise<FeasibleInterval[]> {
  const intervals: FeasibleInterval[] = [];
  for (const attacker of problem.attackers) {
    const known = new Set(attacker.knows);
    const reduced = substituteKnown(problem, known);
    const component = components(problem.variables.length, reduced);
    for (const target of problem.targets) {
      const unknown = target.terms.filter((t) => !known.has(t.variable));
      if (unknown.length === 0 || !select(target, attacker)) continue;
      const offset = target.offset + target.terms.filter((t) => known.has(t.variable)).reduce((s, t) => s + t.coefficient * problem.variables[t.variable]!.value, 0);
      const roots = new Set(unknown.map((t) => component.find(t.variable)));
      const relations = reduced.filter((r) => r.terms.length > 0 && roots.has(component.find(r.terms[0]!.variable)));
      const lower = await extreme('minimize', unknown, relations);
      const upper = await extreme('maximize', unknown, relations);
      intervals.push({ target: target.name, attacker: attacker.name, value: target.value, lower: offset + lower, upper: offset + upper, known: offset });
    }
  }
  return intervals;
}

/** The intervals, and those that fail the protection rule: the unknown part's interval must contain 0 and 11. */
export async function auditDisclosure(problem: DisclosureProblem, options: { select?: (target: AuditTarget, attacker: Attacker) => boolean } = {}): Promise<AuditReport> {
  const intervals = await feasibleIntervals(problem, options.select);
  return { intervals, violations: intervals.filter((i) => i.lower - i.known > TOLERANCE || i.upper - i.known < PROTECTION_LEVEL - TOLERANCE) };
}

function substituteKnown(problem: DisclosureProblem, known: ReadonlySet<number>): LinearRelation[] {
  return problem.relations.map((r) => ({
    terms: r.terms.filter((t) => !known.has(t.variable)),
    value: r.value - r.terms.filter((t) => known.has(t.variable)).reduce((s, t) => s + t.coefficient * problem.variables[t.variable]!.value, 0),
  }));
}

async function extreme(sense: LinearModel['sense'], objective: readonly Term[], relations: readonly LinearRelation[]): Promise<number> {
  // Renumber the variables this LP touches, so its size is the block's, not the table's.
  const local = new Map<number, number>();
  const renumber = (terms: readonly Term[]) => terms.map((t) => ({ coefficient: t.coefficient, variable: local.get(t.variable) ?? local.set(t.variable, local.size).get(t.variable)! }));
  const model: LinearModel = {
    sense,
    objective: renumber(objective),
    constraints: relations.map((r) => ({ terms: renumber(r.terms), op: '=' as const, rhs: r.value })),
    bounds: [],
  };
  const result = await solve({ ...model, bounds: Array.from({ length: local.size }, (): [number, number] => [0, Infinity]) });
  if (result.status === 'optimal') return result.objective;
  // The true values satisfy every relation, so the model is feasible: only the maximum can be unbounded.
  if (sense === 'maximize' && (result.status === 'unbounded' || result.status === 'infeasible_or_unbounded')) return Infinity;
  throw new Error(`disclosure audit: the LP ended ${result.status} (${result.detail})`);
}

/** Union–find over variables sharing a relation. */
function components(size: number, relations: readonly LinearRelation[]) {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  for (const r of relations) for (const t of r.terms.slice(1)) parent[find(t.variable)] = find(r.terms[0]!.variable);
  return { find };
}
