// Suppression of the network table (SPEC §7): every count of 1–10 is hidden (primary), then
// complementary cells are chosen, with the fewest cells hidden (ties: the smallest total hidden),
// so that against every attacker of the threat model — everything published to every audience,
// plus every clinic of one director's scope known in full — each primary cell's feasible interval
// contains 0 and 11. The complements are chosen by a mixed-integer program solved by HiGHS.
//
// Structure exploited (so HiGHS gets small models, even at 10,000 clinics):
//  - The two populations (all clinics; consenting clinics) publish the same rows. When both network
//    rows are published, their difference publishes the non-consenting clinics' column totals, so
//    each consent class is a table of its own with its own column totals: protection moves must
//    stay inside a class (rectangles across classes would change the research totals).
//  - Within a class, rows are cut into blocks of about `blockSize` clinics; each block is protected
//    by moves inside it (protection-options.ts), which keep every published relation of the whole
//    table, so blocks are independent MIPs. A block that cannot be protected is merged with its
//    neighbour and solved again.
//  - HiGHS pays a fixed cost per solve, so blocks are solved a batch at a time (disjoint models in
//    one MIP), within a time budget shared by the batches. Each block starts from a greedy pattern
//    of the same moves (greedy-pattern.ts) and keeps whichever of the two hides fewer entries, so a
//    batch whose MIP runs out of time still gets a valid pattern.
//  - Where no pattern can protect, figures are withheld, coarsest last: first the research network
//    row (the classes then merge into one), then both network rows (leaving row totals only, where a
//    row's own hidden cells protect each other).
import { type BlockPattern, greedyPattern, hiddenEntries } from './greedy-pattern.js';
import { type Constraint, type LinearModel, solve, type Term } from './lp-model.js';
import { type Block, type BlockProtection, type Cell, blockProtection } from './protection-options.js';
import { CELL_NAMES, type NetworkPattern, type NetworkRow, type Population, networkTotals, sum, uniqueScopes } from './network-table.js';
import { isSmallCount } from './small-count.js';

export type ProtectionOptions = {
  /** Multi-clinic director scopes to protect against (each clinic alone is always protected against). */
  scopes?: readonly (readonly string[])[];
  blockSize?: number;
};

/** A move that keeps every published linear relation: +step at `plus`, −step at `minus` (table rows). */
export type Move = { partner: number | null; plus: Cell[]; minus: Cell[] };
/** A primary cell, the moves the pattern leaves open for it, and the scopes each needing a move with its partner outside. */
export type PrimaryMoves = { cell: Cell; moves: Move[]; scopes: (readonly number[])[] };

export type NetworkProtection = NetworkPattern & {
  /** How each primary cell can move unseen by any linear relation: what the nonlinear check tries. */
  primaries: PrimaryMoves[];
  /** Why a population's network row is withheld, or null when it is published. */
  networkWithheld: Record<Population, string | null>;
};

const DEFAULT_BLOCK_SIZE = 40;
const MIP_GAP = 0.01;
/** Seconds of MIP solving for the whole table; blocks left over keep their greedy pattern. */
const MIP_BUDGET_SECONDS = 10;
/** Rows per MIP: several blocks, so the fixed cost per solve is paid once for them. */
const BATCH_ROWS = 200;

type Plan = Record<Population, boolean>;

export async function protectNetwork(rows: readonly NetworkRow[], options: ProtectionOptions = {}): Promise<NetworkProtection> {
  const reasons = networkReasons(rows);
  const plans: Plan[] = [
    { all: reasons.all === null, research: reasons.research === null },
    { all: reasons.all === null, research: false },
    { all: false, research: false },
  ];
  for (const plan of plans) {
    const hidden = await protectPlan(rows, plan, options);
    if (!hidden) continue;
    const withheld = (population: Population) =>
      plan[population] ? null : (reasons[population] ?? 'withheld: with these totals no suppression pattern could protect every small cell against every director scope');
    return { ...hidden, networkPublished: plan, networkWithheld: { all: withheld('all'), research: withheld('research') } };
  }
  throw new Error('unreachable: a plan without network rows can always be protected');
}

/** Why a network row cannot be published whatever the pattern: one of its totals is itself 1–10. */
function networkReasons(rows: readonly NetworkRow[]): Record<Population, string | null> {
  const all = networkTotals(rows, 'all');
  const research = networkTotals(rows, 'research');
  const small = (totals: number[]) => totals.some(isSmallCount);
  const nonConsenting = all.map((t, i) => t - research[i]!);
  return {
    all: small(all) ? 'suppressed: a network total describes 1–10 subjects' : null,
    research: !rows.some((r) => r.consenting)
      ? 'no clinic has research consent'
      : small(research) || small(nonConsenting)
        ? 'suppressed: a network total describes 1–10 subjects (or would, subtracted from the all-clinics total)'
        : null,
  };
}

type Prepared = { members: number[]; block: Block; protection: BlockProtection; pattern: BlockPattern };

async function protectPlan(rows: readonly NetworkRow[], plan: Plan, options: ProtectionOptions) {
  const hiddenCells = rows.map(() => [false, false, false, false]);
  const hiddenTotals = rows.map(() => false);
  const primaries: PrimaryMoves[] = [];
  const columnsPublished = plan.all || plan.research;
  const classes: number[][] = plan.research
    ? [rows.flatMap((r, k) => (r.consenting ? [k] : [])), rows.flatMap((r, k) => (r.consenting ? [] : [k]))]
    : [rows.map((_, k) => k)];
  // A class whose column totals are not published (non-consenting clinics when only the research
  // row is out) is protected like rows without totals.
  const classColumns = (members: number[]) => columnsPublished && (plan.all || rows[members[0]!]!.consenting);
  const scopes = uniqueScopes(options.scopes ?? []).filter((s) => s.length > 1);
  const position = new Map(rows.map((r, k) => [r.clinicId, k]));
  const blockOf = (members: readonly number[]): Block => {
    const local = new Map(members.map((k, at) => [k, at]));
    return {
      rows: members.map((k) => rows[k]!),
      columnsPublished: classColumns([...members]),
      scopes: scopes.map((s) => s.flatMap((id) => (local.has(position.get(id)!) ? [local.get(position.get(id)!)!] : []))).filter((s) => s.length > 0),
    };
  };
  const prepared: Prepared[] = [];
  for (const members of classes.filter((c) => c.length > 0)) {
    const ordered = [...members].sort((k1, k2) => (rows[k1]!.clinicId < rows[k2]!.clinicId ? -1 : 1));
    let blocks = chunk(ordered, options.blockSize ?? DEFAULT_BLOCK_SIZE);
    for (let i = 0; i < blocks.length; ) {
      const members = blocks[i]!;
      const block = blockOf(members);
      const protection = blockProtection(block);
      if (protectable(protection)) {
        prepared.push({ members, block, protection, pattern: greedyPattern(block, protection) });
        i += 1;
        continue;
      }
      if (blocks.length === 1) return undefined;
      // Merge with a neighbour: more partners to choose from.
      const j = i + 1 < blocks.length ? i + 1 : i - 1;
      const merged = [...blocks[Math.min(i, j)]!, ...blocks[Math.max(i, j)]!];
      blocks = [...blocks.slice(0, Math.min(i, j)), merged, ...blocks.slice(Math.max(i, j) + 1)];
      i = Math.min(i, j);
    }
  }
  await improveByMip(prepared);
  for (const { members, protection, pattern } of preferWholeClasses(prepared, classes.filter((c) => c.length > 0), (members) => blockOf(members))) {
    members.forEach((k, at) => {
      hiddenCells[k] = pattern.cells[at]!;
      hiddenTotals[k] = pattern.totals[at]!;
    });
    const global = ([k, j]: Cell): Cell => [members[k]!, j];
    for (const p of openMoves(protection, pattern)) {
      primaries.push({
        cell: global(p.cell),
        moves: p.moves.map((m) => ({ partner: m.partner === null ? null : members[m.partner]!, plus: m.plus.map(global), minus: m.minus.map(global) })),
        scopes: p.scopes.map((scope) => scope.map((k) => members[k]!)),
      });
    }
  }
  return { hiddenCells, hiddenTotals, primaries };
}

/**
 * Per class, the blocks' patterns, or one greedy pattern over the whole class when that hides fewer
 * entries: partners from anywhere in the class can beat the best choice inside each block.
 */
function preferWholeClasses(prepared: readonly Prepared[], classes: readonly number[][], blockOf: (members: readonly number[]) => Block): Prepared[] {
  return classes.flatMap((members) => {
    const inClass = new Set(members);
    const blocks = prepared.filter((p) => inClass.has(p.members[0]!));
    const whole = blockOf(members);
    const protection = blockProtection(whole);
    if (!protectable(protection)) return blocks;
    const pattern = greedyPattern(whole, protection);
    return hiddenEntries(pattern) < blocks.reduce((n, p) => n + hiddenEntries(p.pattern), 0) ? [{ members, block: whole, protection, pattern }] : blocks;
  });
}

/** Solves the blocks with primary cells in batches; a block keeps the MIP pattern if it hides fewer entries. */
async function improveByMip(prepared: Prepared[]): Promise<void> {
  const batches: Prepared[][] = [];
  for (const p of prepared.filter((p) => p.protection.forcedCells.length > 0)) {
    const last = batches.at(-1);
    if (last && last.reduce((n, q) => n + q.block.rows.length, 0) + p.block.rows.length <= BATCH_ROWS) last.push(p);
    else batches.push([p]);
  }
  const deadline = performance.now() + MIP_BUDGET_SECONDS * 1000;
  for (const [i, batch] of batches.entries()) {
    const remaining = (deadline - performance.now()) / 1000;
    if (remaining <= 0) break;
    const models = batch.map((p) => blockModel(p.block, p.protection));
    const solved = await solveBatch(models, Math.max(0.05, remaining / (batches.length - i)));
    if (!solved) continue;
    batch.forEach((p, b) => {
      const mip = solved[b]!;
      if (hiddenEntries(mip) >= hiddenEntries(p.pattern)) return;
      p.pattern = mip;
    });
  }
}

/** Blocks of about `size`; a short remainder joins the last full block. */
function chunk(items: readonly number[], size: number): number[][] {
  const blocks: number[][] = [];
  for (let i = 0; i < items.length; i += size) blocks.push(items.slice(i, i + size));
  if (blocks.length > 1 && blocks.at(-1)!.length < size / 2) blocks.splice(-2, 2, [...blocks.at(-2)!, ...blocks.at(-1)!]);
  return blocks;
}

type BlockModel = { model: LinearModel; decode: (values: Float64Array, offset: number) => BlockPattern };

/**
 * The block's MIP: binaries h (cell hidden) and t (row total hidden), and u (protection option
 * used) in [0, 1]: u needs no integrality, since u > 0 forces every entry its option needs to 1,
 * and then that option alone can be set to 1. Minimise Σ (1 + value/(block total + 1))·(h, t): the
 * fewest entries hidden, then the smallest total hidden (within a 1% optimality gap).
 */
function blockModel(block: Block, protection: BlockProtection): BlockModel {
  const R = block.rows.length;
  const h = (k: number, j: number) => 4 * k + j;
  const t = (k: number) => 4 * R + k;
  const optionIndex: number[][] = [];
  let next = 5 * R;
  for (const p of protection.primaries) optionIndex.push(p.options.map(() => next++));
  const size = sum(block.rows.map((r) => sum(r.cells))) + 1;
  const bounds = Array.from({ length: next }, (): [number, number] => [0, 1]);
  for (const [k, j] of protection.forcedCells) bounds[h(k, j)] = [1, 1];
  for (const k of protection.forcedTotals) bounds[t(k)] = [1, 1];
  const objective: Term[] = block.rows.flatMap((r, k) => [
    ...r.cells.map((v, j) => ({ variable: h(k, j), coefficient: 1 + v / size })),
    { variable: t(k), coefficient: 1 + sum(r.cells) / size },
  ]);
  const constraints: Constraint[] = [];
  protection.primaries.forEach((p, i) => {
    p.options.forEach((o, n) => {
      const u = optionIndex[i]![n]!;
      for (const [k, j] of o.cells) constraints.push({ terms: [{ variable: u, coefficient: 1 }, { variable: h(k, j), coefficient: -1 }], op: '<=', rhs: 0 });
      for (const k of o.totals) constraints.push({ terms: [{ variable: u, coefficient: 1 }, { variable: t(k), coefficient: -1 }], op: '<=', rhs: 0 });
    });
    for (const scope of p.scopes) {
      constraints.push({ terms: p.options.flatMap((o, n) => (scope.includes(o.partner) ? [] : [{ variable: optionIndex[i]![n]!, coefficient: 1 }])), op: '>=', rhs: 1 });
    }
  });
  for (const c of protection.covers) {
    constraints.push({ terms: c.cells.map(([k, j]) => ({ variable: h(k, j), coefficient: block.rows[k]!.cells[j]! })), op: '>=', rhs: c.need });
  }
  return {
    model: { sense: 'minimize', objective, constraints, bounds, binaries: Array.from({ length: 5 * R }, (_, v) => v) },
    decode: (values, offset) => ({
      cells: block.rows.map((_, k) => CELL_NAMES.map((__, j) => values[offset + h(k, j)]! > 0.5)),
      totals: block.rows.map((_, k) => values[offset + t(k)]! > 0.5),
    }),
  };
}

/** Disjoint block models as one MIP; each block's pattern, or undefined when no solution came in time. */
async function solveBatch(models: readonly BlockModel[], timeLimitSeconds: number): Promise<BlockPattern[] | undefined> {
  const offsets: number[] = [];
  let size = 0;
  for (const m of models) {
    offsets.push(size);
    size += m.model.bounds.length;
  }
  const shift = (terms: readonly Term[], offset: number) => terms.map((t) => ({ variable: t.variable + offset, coefficient: t.coefficient }));
  const result = await solve(
    {
      sense: 'minimize',
      objective: models.flatMap((m, b) => shift(m.model.objective, offsets[b]!)),
      constraints: models.flatMap((m, b) => m.model.constraints.map((c) => ({ ...c, terms: shift(c.terms, offsets[b]!) }))),
      bounds: models.flatMap((m) => m.model.bounds),
      binaries: models.flatMap((m, b) => (m.model.binaries ?? []).map((v) => v + offsets[b]!)),
    },
    { timeLimitSeconds, relativeGap: MIP_GAP },
  );
  if (result.status !== 'optimal') return undefined;
  return models.map((m, b) => m.decode(result.values, offsets[b]!));
}

/** For each primary cell, every move whose entries the chosen pattern hides. */
function openMoves(protection: BlockProtection, { cells, totals }: BlockPattern): PrimaryMoves[] {
  const hidden = ([k, j]: Cell) => cells[k]![j]!;
  const rectangleOrColumn = protection.primaries.map((p): PrimaryMoves => {
    const [k, j] = p.cell;
    const moves = p.options
      .filter((o) => o.cells.every(hidden) && o.totals.every((r) => totals[r]))
      .map((o): Move => {
        // A rectangle needs (k,j′), (l,j), (l,j′); a column move only (l,j).
        if (o.cells.length === 1) return { partner: o.partner, plus: [[k, j]], minus: o.cells };
        const [kj2, lj, lj2] = o.cells as [Cell, Cell, Cell];
        return { partner: o.partner, plus: [[k, j], lj2], minus: [kj2, lj] };
      });
    return { cell: p.cell, moves, scopes: p.scopes };
  });
  const withinRow = protection.covers.map((c): PrimaryMoves => ({
    cell: c.cell,
    moves: c.cells.filter(hidden).map((other): Move => ({ partner: null, plus: [c.cell], minus: [other] })),
    scopes: [[]],
  }));
  return [...rectangleOrColumn, ...withinRow];
}

/** Every scope of every primary has at least one option: else no choice of options can work. */
function protectable(protection: BlockProtection): boolean {
  return protection.primaries.every((p) => p.scopes.every((scope) => p.options.some((o) => !scope.includes(o.partner))));
}
