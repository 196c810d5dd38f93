// The network comparison, shared by the director and researcher views: crude and clinic-stratified
// odds ratios side by side, and the suppressed per-clinic benchmark. A hidden cell reads only
// "suppressed": primary and complementary suppression are never told apart (SPEC §7).
import type { BreakdownRow, NetworkComparisonResponse, NetworkFigure, PublishedCount } from '../api/types.js';
import { clinicRatesChart, networkChart } from '../charts/comparison-charts.js';
import { networkCaption } from '../format/captions.js';
import { count, dateTime, isLowN, percent } from '../format/numbers.js';
import { h } from '../ui/dom.js';
import { chartCanvas, figureCard } from '../ui/figure.js';
import { type Cell, csvButton, dataTable } from '../ui/table.js';

const OUTCOMES = [
  { key: 'attainment', label: 'Goal attainment', outcome: 'goal attainment', unit: 'goals', yes: 'achieved', no: 'not achieved' },
  { key: 'retention90', label: '90-day retention', outcome: '90-day retention', unit: 'clients', yes: 'retained', no: 'not retained' },
] as const;

const estimateCells = (e: NetworkFigure['crude'] | NetworkFigure['stratified']): Cell[] =>
  e.estimate === null
    ? [{ text: `not available: ${e.reason}` }, '—']
    : [{ text: e.estimate.toFixed(2), sort: e.estimate }, `${e.lower.toFixed(2)} to ${e.upper.toFixed(2)}`];

export function networkFigure(response: NetworkComparisonResponse, id: string) {
  const { comparison } = response;
  const captions = OUTCOMES.flatMap((o) => networkCaption(o.outcome, o.unit, comparison[o.key]));
  return figureCard({
    id,
    size: 'wide',
    title: `Across the network: crude and clinic-stratified odds ratios (${comparison.clinics} clinics)`,
    captions,
    chart: networkChart(comparison),
    table: {
      caption: `Odds ratios, collaborative vs directive, as of ${dateTime(response.asOf)}`,
      columns: [
        { label: 'Outcome' },
        { label: 'Crude odds ratio', numeric: true },
        { label: 'Crude 95% CI' },
        { label: 'Crude n', numeric: true },
        { label: 'Stratified odds ratio', numeric: true },
        { label: 'Stratified 95% CI' },
        { label: 'Clinics in the stratified estimate', numeric: true },
        { label: 'Stratified n', numeric: true },
      ],
      rows: OUTCOMES.map((o) => {
        const f = comparison[o.key];
        return [
          o.label,
          ...estimateCells(f.crude),
          { text: count(f.crude.n), lowN: isLowN(f.crude.n) },
          ...estimateCells(f.stratified),
          count(f.stratified.strata),
          { text: count(f.stratified.n), lowN: isLowN(f.stratified.n) },
        ];
      }),
    },
  });
}

const published = (p: PublishedCount): Cell => (p.count === null ? { text: 'suppressed', sort: null } : { text: count(p.count), sort: p.count });

function breakdownRow(row: BreakdownRow): Cell[] {
  const { a, b, c, d } = row.cells;
  const n = (x: PublishedCount, y: PublishedCount) => (x.count === null || y.count === null ? null : x.count + y.count);
  const rate = (value: number | null, behind: number | null): Cell => ({ text: percent(value), sort: value, lowN: isLowN(behind) });
  return [row.clinic, published(a), published(b), rate(row.collaborativeRate, n(a, b)), published(c), published(d), rate(row.directiveRate, n(c, d)), published(row.total)];
}

/** One table per outcome: every clinic's cells, with the network row last. */
export function benchmarkTables(response: NetworkComparisonResponse, id: string) {
  const tables = OUTCOMES.map((o) => {
    const figure = response.comparison[o.key];
    const table = dataTable({
      caption: `${o.label} by clinic (${figure.suppressedCells} cell${figure.suppressedCells === 1 ? '' : 's'} suppressed)`,
      columns: [
        { label: 'Clinic' },
        { label: `Collaborative ${o.yes}`, numeric: true },
        { label: `Collaborative ${o.no}`, numeric: true },
        { label: 'Collaborative rate', numeric: true },
        { label: `Directive ${o.yes}`, numeric: true },
        { label: `Directive ${o.no}`, numeric: true },
        { label: 'Directive rate', numeric: true },
        { label: `Total ${o.unit}`, numeric: true },
      ],
      rows: [...figure.clinics.map(breakdownRow), breakdownRow(figure.network)],
    });
    const chart = h(
      'figure',
      { class: 'benchmark-chart' },
      h('figcaption', {}, `${o.label}: rate by clinic and mode`),
      chartCanvas(clinicRatesChart([...figure.clinics, figure.network]), `${o.label} by clinic and mode; the table below gives every count.`),
    );
    return { chart, table: h('div', { class: 'table-scroll' }, table, csvButton(table, `${id}-${o.key}.csv`)) };
  });
  return h(
    'section',
    { class: 'card wide', id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, 'Network benchmark'),
    h(
      'p',
      { class: 'caption' },
      'Counts of 1 to 10 clients or goals are hidden, and so are the cells that would let them be worked out from the totals; a hidden cell reads “suppressed”. Other clinics are lettered, never named.',
    ),
    h('div', { class: 'benchmark-charts' }, ...tables.map((t) => t.chart)),
    ...tables.map((t) => t.table),
  );
}
