// `npm run bench:network [-- --sizes 100,1000,10000]`: the network comparison's suppression and
// audit at 100, 1,000 and 10,000 clinics with lognormal clinic sizes (SPEC §8). Per size: the
// suppression (HiGHS MIP per block, plus the odds-ratio precision check) time; the entries hidden,
// against a simple greedy baseline on the same tables as a ratio; the LP audit time on a sample of
// (target, attacker) pairs: the outsider and two multi-clinic directors (the full audit runs in the
// tests, on small, property and demo networks); the
// largest item written; peak memory.
import { parseArgs } from 'node:util';
import { auditDisclosure, networkDisclosureProblem } from '../../functions/disclosure/index.js';
import { type ClinicCounts, networkComparison } from '../../functions/metrics/network-comparison.js';
import { auditInputs } from '../disclosure/network-fixtures.js';
import { networkViewItems } from '../../functions/store/network-view.js';
import { itemSize } from '../../functions/store/item-size.js';
import { Random } from '../../functions/synthetic/random.js';
import { machine } from './bench-support.js';
import { greedyHiddenCount } from './greedy-suppression.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,1000,10000' }, seed: { type: 'string', default: '7' }, 'audit-sample': { type: 'string', default: '60' } } });

function network(clinics: number, seed: number): { counts: ClinicCounts[]; scopes: string[][] } {
  // Seeded, so every run benchmarks the same tables.
  const random = new Random(seed);
  const rand = () => random.next();
  const normal = () => random.normal();
  const binomial = (n: number, p: number) => Array.from({ length: n }, () => rand() < p).filter(Boolean).length;
  const counts = Array.from({ length: clinics }, (_, i): ClinicCounts => {
    // Lognormal sizes: median 40 closed goals, σ = 1 (a few clinics of hundreds, many of a handful).
    const goals = Math.max(1, Math.round(Math.exp(Math.log(40) + normal())));
    const episodes = Math.max(0, Math.round(goals * (0.6 + 0.4 * rand())));
    const split = (n: number, pEvent1: number, pEvent2: number) => {
      const n1 = binomial(n, 0.45 + 0.2 * rand());
      return { collaborative: { events: binomial(n1, pEvent1), n: n1 }, directive: { events: binomial(n - n1, pEvent2), n: n - n1 } };
    };
    const base = 0.3 + 0.4 * rand();
    return { clinicId: `clinic-${String(i).padStart(5, '0')}`, consenting: rand() < 0.7, counts: { attainment: split(goals, base + 0.08, base), retention90: split(episodes, base + 0.05, base) } };
  });
  // About 2% of clinics are run by directors of 2–5 clinics.
  const scopes: string[][] = [];
  for (let i = 0; i + 5 < clinics && scopes.length < Math.max(1, clinics / 100); i += 50) scopes.push(counts.slice(i, i + 2 + (i % 4)).map((c) => c.clinicId));
  return { counts, scopes };
}

console.log(`network suppression benchmark — ${await machine()}`);
console.log('clinics | suppression s | hidden (MIP) | hidden (greedy) | MIP/greedy | audit: pairs, s | largest item KB | peak RSS MB');
for (const size of values.sizes.split(',').map(Number)) {
  const { counts, scopes } = network(size, Number(values.seed));
  const started = performance.now();
  const comparison = await networkComparison(counts, { scopes });
  const seconds = (performance.now() - started) / 1000;
  console.error(`  ${size} clinics: suppression ${seconds.toFixed(1)} s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);

  let mip = 0;
  let greedy = 0;
  let auditPairs = 0;
  let auditSeconds = 0;
  for (const figure of ['attainment', 'retention90'] as const) {
    const { rows, pattern } = auditInputs(counts, comparison, figure);
    const published = pattern.networkPublished;
    mip += pattern.hiddenCells.flat().filter(Boolean).length + pattern.hiddenTotals.filter(Boolean).length;
    const greedyStarted = performance.now();
    greedy += greedyHiddenCount(rows, published, scopes);
    console.error(`  ${figure}: greedy baseline ${((performance.now() - greedyStarted) / 1000).toFixed(1)} s`);
    // Audit a fixed-size sample of (target, attacker) pairs: the outsider and one scope per target.
    const problem = networkDisclosureProblem(rows, pattern, scopes);
    const sample = Number(values['audit-sample']) / 2;
    const stride = Math.max(1, Math.floor(problem.targets.length / sample));
    const chosen = new Set(problem.targets.filter((_, i) => i % stride === 0).slice(0, sample).map((t) => t.name));
    // The outsider holding every view, and the first two multi-clinic directors.
    const attackers = new Set([problem.attackers[0]!.name, ...problem.attackers.filter((a) => a.name.includes('+')).slice(0, 2).map((a) => a.name)]);
    const t0 = performance.now();
    const report = await auditDisclosure({ ...problem, attackers: problem.attackers.filter((a) => attackers.has(a.name)) }, { select: (t) => chosen.has(t.name) });
    auditSeconds += (performance.now() - t0) / 1000;
    auditPairs += report.intervals.length;
    console.error(`  ${figure}: audit of ${report.intervals.length} pairs ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (report.violations.length > 0) throw new Error(`audit violations at ${size} clinics: ${JSON.stringify(report.violations.slice(0, 3))}`);
  }
  const largest = Math.max(...networkViewItems({ asOf: new Date().toISOString(), comparison }).map(itemSize));
  console.log(
    [size, seconds.toFixed(1), mip, greedy, (mip / greedy).toFixed(2), `${auditPairs}, ${auditSeconds.toFixed(1)}`, (largest / 1024).toFixed(1), (process.memoryUsage().rss / 2 ** 20).toFixed(0)].join(' | '),
  );
}
