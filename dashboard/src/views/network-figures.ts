// The network comparison, shared by the director and researcher views: crude and clinic-stratified
// odds ratios side by side, and the suppressed per-clinic benchmark. A hidden cell reads only
// "suppressed" (SPEC §7); a withheld breakdown or network row is said so, with the API's reason.
import type { BreakdownRow, NetworkComparisonResponse, NetworkFigure, PublishedCount } from '../api/types.js';
import { clinicRatesChart, networkChart } from '../charts/comparison-charts.js';
import { NETWORK_METHOD_NOTE, networkCaption } from '../format/captions.js';
import { ciText, count, dateTime, isLowN, percent } from '../format/numbers.js';
import { h } from '../ui/dom.js';
import { chartCanvas, figureCard } from '../ui/figure.js';
import { type Cell, csvButton, dataTable } from '../ui/table.js';

const OUTCOMES = [
  { key: 'attainment', label: 'Goal attainment', outcome: 'goal attainment', unit: 'goals', yes: 'achieved', no: 'not achieved' },
  { key: 'retention90', label: '90-day retention', outcome: '90-day retention', unit: 'episodes', yes: 'retained', no: 'not retained' },
] as const;

/** An odds ratio and its interval to the decimals the API rounded them to. */
const estimateCells = (e: NetworkFigure['crude'] | NetworkFigure['stratified'], decimals: number | null): Cell[] => {
  if (e.estimate === null) return [{ text: `not available: ${e.reason}` }, '—'];
  const places = decimals ?? 2;
  return [{ text: e.estimate.toFixed(places), sort: e.estimate }, ciText(e, 1, places)];
};

const withheldN = (n: number | null): Cell => (n === null ? 'withheld' : { text: count(n), lowN: isLowN(n) });

export function networkFigure(response: NetworkComparisonResponse, id: string) {
  const { comparison } = response;
  const captions = [...OUTCOMES.flatMap((o) => networkCaption(o.outcome, o.unit, comparison[o.key])), NETWORK_METHOD_NOTE];
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
          ...estimateCells(f.crude, f.decimals),
          withheldN(f.crude.n),
          ...estimateCells(f.stratified, f.decimals),
          count(f.stratified.strata),
          withheldN(f.stratified.n),
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
  const clinic: Cell = row.own ? { text: `${row.clinic} (yours)`, node: h('strong', {}, `${row.clinic} (yours)`) } : row.clinic;
  return [clinic, published(a), published(b), rate(row.collaborativeRate, n(a, b)), published(c), published(d), rate(row.directiveRate, n(c, d)), published(row.total)];
}

/** What stands in for a withheld part: the reason, in the API's words. */
const withheldNote = (what: string, reason: string) => h('p', { class: 'withheld' }, `${what} withheld (${reason}).`);

/** One table per outcome: every clinic's cells, with the network row last; withheld parts say why. */
export function benchmarkTables(response: NetworkComparisonResponse, id: string) {
  const tables = OUTCOMES.map((o) => {
    const figure = response.comparison[o.key];
    const rows = [...figure.clinics, ...(figure.network ? [figure.network] : [])];
    const notes = [
      ...(figure.breakdownWithheld !== null ? [withheldNote(`${o.label}: the breakdown by clinic is`, figure.breakdownWithheld)] : []),
      ...(figure.networkWithheld !== null ? [withheldNote(`${o.label}: the network totals row is`, figure.networkWithheld)] : []),
    ];
    if (rows.length === 0) return { chart: null, table: h('div', { class: 'benchmark-withheld', id: `${id}-${o.key}` }, ...notes) };
    const table = dataTable({
      caption: `${o.label} by clinic (${figure.suppressedCells} count${figure.suppressedCells === 1 ? '' : 's'} suppressed)`,
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
      rows: rows.map(breakdownRow),
    });
    const chart = h(
      'figure',
      { class: 'benchmark-chart' },
      h('figcaption', {}, `${o.label}: rate by clinic and mode`),
      chartCanvas(clinicRatesChart(rows), `${o.label} by clinic and mode; the table below gives every count.`),
    );
    return { chart, table: h('div', { class: 'table-scroll', id: `${id}-${o.key}` }, ...notes, table, csvButton(table, `${id}-${o.key}.csv`)) };
  });
  const charts = tables.flatMap((t) => (t.chart ? [t.chart] : []));
  return h(
    'section',
    { class: 'card wide', id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, 'Network benchmark'),
    h(
      'p',
      { class: 'caption' },
      'Counts of 1 to 10 are hidden, and so are the counts that would let them be worked out from the totals; a hidden count reads “suppressed”. ' +
        (response.view === 'director' ? 'Your own clinics are named; the others are lettered.' : 'Every clinic is lettered, never named.'),
    ),
    charts.length > 0 ? h('div', { class: 'benchmark-charts' }, ...charts) : null,
    ...tables.map((t) => t.table),
  );
}
