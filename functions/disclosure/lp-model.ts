// Linear and mixed-integer models for HiGHS (https://highs.dev, Huangfu & Hall 2018, through the
// `highs` WebAssembly package), written in the CPLEX LP text format its one-shot `solve` reads.
// Variables are numbered; the text names them x0, x1, … so no caller-chosen name can break it.
import loadHighs, { type Highs, type HighsSolution } from 'highs';

export type Term = { variable: number; coefficient: number };
export type Constraint = { terms: readonly Term[]; op: '=' | '>=' | '<='; rhs: number };

export type LinearModel = {
  sense: 'minimize' | 'maximize';
  objective: readonly Term[];
  constraints: readonly Constraint[];
  /** One [lower, upper] per variable; upper may be Infinity. */
  bounds: readonly (readonly [number, number])[];
  /** Variables restricted to 0/1. */
  binaries?: readonly number[];
};

export type Solution =
  | { status: 'optimal'; objective: number; values: Float64Array }
  | { status: 'infeasible' | 'unbounded' | 'infeasible_or_unbounded' | 'failed'; detail: string };

let runtime: Promise<Highs> | undefined;
const highs = () => (runtime ??= loadHighs());

const name = (variable: number) => `x${variable}`;

function expression(terms: readonly Term[]): string {
  if (terms.length === 0) return '0 x0';
  // One term per line: the LP format limits line length, not the number of lines.
  return terms.map((t, i) => `${t.coefficient < 0 ? '-' : i === 0 ? '' : '+'} ${Math.abs(t.coefficient)} ${name(t.variable)}`).join('\n ');
}

function lpText(model: LinearModel): string {
  const lines = [model.sense === 'minimize' ? 'Minimize' : 'Maximize', ` obj: ${expression(model.objective)}`, 'Subject To'];
  model.constraints.forEach((c, i) => {
    lines.push(` c${i}: ${expression(c.terms)} ${c.op} ${c.rhs}`);
  });
  lines.push('Bounds');
  model.bounds.forEach(([lower, upper], v) => {
    lines.push(upper === Infinity ? ` ${name(v)} >= ${lower}` : ` ${lower} <= ${name(v)} <= ${upper}`);
  });
  if (model.binaries?.length) lines.push('Binary', ...model.binaries.map((v) => ` ${name(v)}`));
  lines.push('End');
  return lines.join('\n');
}

export type SolveOptions = {
  timeLimitSeconds?: number;
  /** Stop a MIP once its incumbent is proved within this fraction of the optimum. */
  relativeGap?: number;
};

export async function solve(model: LinearModel, options: SolveOptions = {}): Promise<Solution> {
  const solver = await highs();
  let result: HighsSolution;
  try {
    result = solver.solve(lpText(model), {
      output_flag: false,
      ...(options.timeLimitSeconds ? { time_limit: options.timeLimitSeconds } : {}),
      ...(options.relativeGap ? { mip_rel_gap: options.relativeGap } : {}),
    });
  } catch (error) {
    return { status: 'failed', detail: String(error) };
  }
  const feasibleStop = result.Status === 'Time limit reached' && Number.isFinite(result.ObjectiveValue);
  if (result.Status === 'Optimal' || feasibleStop) {
    const values = new Float64Array(model.bounds.length);
    for (const [column, value] of Object.entries(result.Columns)) values[Number(column.slice(1))] = value.Primal;
    return { status: 'optimal', objective: result.ObjectiveValue, values };
  }
  if (result.Status === 'Infeasible') return { status: 'infeasible', detail: result.Status };
  if (result.Status === 'Unbounded') return { status: 'unbounded', detail: result.Status };
  // Presolve may stop short of telling the two apart; the caller knows which one its model allows.
  if (result.Status === 'Primal infeasible or unbounded') return { status: 'infeasible_or_unbounded', detail: result.Status };
  return { status: 'failed', detail: result.Status };
}
