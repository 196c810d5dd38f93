// The clinic director's page: KPI tiles by mode, collaborative vs directive with 95% intervals,
// the network comparison (crude beside stratified) and benchmark, monthly trends with a date range,
// and a sortable counselor table. Three API calls on first load; the range filter adds one.
import { getClinicComparison, getClinicMetrics, getNetworkComparison } from '../api/endpoints.js';
import type { ClinicComparisonResponse, ClinicMetricsResponse, GroupMetrics, NetworkComparisonResponse } from '../api/types.js';
import { EFFECT_LABELS, PROPORTION_LABELS, effectChart, effectsOf, proportionChart } from '../charts/comparison-charts.js';
import { meanCaption, proportionCaption } from '../format/captions.js';
import { ciText, count, dateTime, decimal, isLowN, percent } from '../format/numbers.js';
import type { Session } from '../auth/session.js';
import { h, mount } from '../ui/dom.js';
import { drawCharts, figureCard } from '../ui/figure.js';
import { kpiTile } from '../ui/kpi.js';
import { emptyState, errorState, loadingCards } from '../ui/states.js';
import { ApiError } from '../api/http.js';
import { type Cell, csvButton, dataTable } from '../ui/table.js';
import { benchmarkTables, networkFigure } from './network-figures.js';
import { monthlyTrendFigures } from './trend-figures.js';
import type { Route } from '../router.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function renderDirector(main: HTMLElement, route: Route, session: Session) {
  const clinicId = route.params.get('clinic') ?? session.claims.clinics[0];
  if (!clinicId) return mount(main, errorState(new Error('Your sign-in names no clinic.'), 'the clinic page'));
  const range = { from: validMonth(route.params.get('from')), to: validMonth(route.params.get('to')) };
  const trends = h('div', { class: 'grid', id: 'trends' }, loadingCards(2));
  mount(main, h('h2', {}, `Clinic ${clinicId}`), loadingCards(6));
  const [metrics, comparison, network] = await Promise.allSettled([getClinicMetrics(clinicId, range), getClinicComparison(clinicId), getNetworkComparison(clinicId)]);
  if (metrics.status === 'rejected') {
    // A clinic the aggregation has not reached yet is empty, not broken.
    const notYet = metrics.reason instanceof ApiError && metrics.reason.status === 404;
    return mount(main, h('h2', {}, `Clinic ${clinicId}`), notYet ? emptyState(`No figures for this clinic yet. ${metrics.reason.detail ?? ''}`) : errorState(metrics.reason, 'the clinic figures'));
  }
  const m = metrics.value;
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h2', {}, `Clinic ${clinicId}`),
      h('p', { class: 'as-of' }, `Figures as of ${dateTime(m.asOf)} · clinic time zone ${m.timeZone} · ${count(m.clients)} clients`),
      h('button', { type: 'button', class: 'secondary no-print', onclick: () => print() }, 'Print one-page report'),
    ),
    clinicPicker(session, clinicId, route),
    h('section', { class: 'kpis', 'aria-label': 'Key figures by goal-setting mode' }, ...kpiTiles(m.metrics)),
    h('h2', { class: 'section-title' }, 'Collaborative vs directive in this clinic'),
    comparison.status === 'fulfilled' ? comparisonFigures(comparison.value) : errorState(comparison.reason, 'the comparison'),
    h('h2', { class: 'section-title no-print' }, 'Monthly trends'),
    rangeForm(route, m),
    trends,
    h('h2', { class: 'section-title' }, 'Network'),
    network.status === 'fulfilled' ? networkSection(network.value) : errorState(network.reason, 'the network comparison'),
    h('h2', { class: 'section-title no-print' }, 'Counselors'),
    counselorTable(m),
  );
  mount(trends, ...monthlyTrendFigures(m.monthlyTrends));
  drawCharts();
}

const validMonth = (value: string | null) => (value && MONTH.test(value) ? value : undefined);

function clinicPicker(session: Session, current: string, route: Route) {
  if (session.claims.clinics.length < 2) return null;
  const select = h('select', { id: 'clinic-picker' }, ...session.claims.clinics.map((c) => h('option', { value: c, selected: c === current }, c)));
  select.addEventListener('change', () => route.go({ clinic: select.value }));
  return h('p', { class: 'no-print' }, h('label', { for: 'clinic-picker' }, 'Clinic '), select);
}

function kpiTiles(metrics: ClinicMetricsResponse['metrics']) {
  const e = metrics.engagement;
  const clients = (n: number) => ({ n, unit: 'clients' });
  // Engagement counts episodes of care (SPEC §3): a readmitted client is one episode per stay.
  const episodes = (n: number) => ({ n, unit: 'episodes' });
  const share = (n: number) => ({ n, unit: `episodes, ${percent(e.overall.episodes > 0 ? n / e.overall.episodes : null)}` });
  return [
    kpiTile('Episodes of care', {
      collaborative: { text: count(e.collaborative.episodes), ...share(e.collaborative.episodes) },
      directive: { text: count(e.directive.episodes), ...share(e.directive.episodes) },
    }, `${count(e.overall.episodes)} episodes (mixed ${count(e.mixed.episodes)}, no goals ${count(e.none.episodes)})`),
    kpiTile('Attendance rate', {
      collaborative: { text: percent(e.collaborative.attendance.rate), ...episodes(e.collaborative.attendance.episodes) },
      directive: { text: percent(e.directive.attendance.rate), ...episodes(e.directive.attendance.episodes) },
    }, percent(e.overall.attendance.rate)),
    kpiTile('90-day retention', {
      collaborative: { text: percent(e.collaborative.retention90.rate), ...episodes(e.collaborative.retention90.denominator) },
      directive: { text: percent(e.directive.retention90.rate), ...episodes(e.directive.retention90.denominator) },
    }, percent(e.overall.retention90.rate)),
    kpiTile('Goal attainment', {
      collaborative: { text: percent(metrics.attainment.collaborative.rate), n: metrics.attainment.collaborative.closedGoals, unit: 'goals' },
      directive: { text: percent(metrics.attainment.directive.rate), n: metrics.attainment.directive.closedGoals, unit: 'goals' },
    }, percent(metrics.attainment.overall.rate)),
    kpiTile('Mean GAS T-score', {
      collaborative: { text: decimal(metrics.gas.collaborative.meanTScore), ...clients(metrics.gas.collaborative.clients) },
      directive: { text: decimal(metrics.gas.directive.meanTScore), ...clients(metrics.gas.directive.clients) },
    }, decimal(metrics.gas.overall.meanTScore)),
  ];
}

// Attainment counts goals; retention counts episodes of care (SPEC §3).
const PROPORTION_UNITS = ['goals', 'episodes'] as const;

function comparisonFigures(response: ClinicComparisonResponse) {
  const c = response.comparison;
  const proportionRows = (['attainment', 'retention90'] as const).flatMap((key, i) =>
    (['collaborative', 'directive'] as const).map((mode): Cell[] => {
      const e = c[key][mode];
      return [PROPORTION_LABELS[i]!, mode, { text: percent(e.estimate), sort: e.estimate }, ciText(e), `${e.events} of ${e.n} ${PROPORTION_UNITS[i]}`, { text: count(e.n), sort: e.n, lowN: isLowN(e.n) }];
    }),
  );
  const proportions = figureCard({
    id: 'comparison-proportions',
    title: 'Goal attainment and 90-day retention by mode',
    captions: [
      proportionCaption({ collaborative: 'Collaborative goals', directive: 'Directive goals', happened: 'were achieved', unit: 'goals' }, c.attainment),
      proportionCaption({ collaborative: 'Episodes with collaborative goals', directive: 'Episodes with directive goals', happened: 'lasted 90 days in treatment', unit: 'episodes' }, c.retention90),
    ],
    chart: proportionChart(c),
    table: {
      caption: 'Rates by goal-setting mode with Wilson 95% intervals',
      columns: [{ label: 'Figure' }, { label: 'Mode' }, { label: 'Rate', numeric: true }, { label: '95% CI (%)' }, { label: 'Events' }, { label: 'n', numeric: true }],
      rows: proportionRows,
    },
  });
  const means = figureCard({
    id: 'comparison-means',
    title: 'GAS T-score, WAI-SR and ORS change: standardised differences',
    captions: [
      meanCaption({ name: 'GAS T-score', digits: 1 }, c.gasTScore),
      meanCaption({ name: 'WAI-SR total', digits: 1 }, c.waiSrTotal),
      meanCaption({ name: 'ORS change', digits: 1 }, c.orsChange),
    ],
    chart: effectChart(c),
    table: {
      caption: 'Means by mode and Hedges’ g (collaborative − directive) with 95% intervals',
      columns: [
        { label: 'Figure' },
        { label: 'Collaborative mean', numeric: true },
        { label: 'Collaborative n', numeric: true },
        { label: 'Directive mean', numeric: true },
        { label: 'Directive n', numeric: true },
        { label: 'Hedges’ g', numeric: true },
        { label: '95% CI' },
      ],
      rows: effectsOf(c).map((e, i): Cell[] => [
        EFFECT_LABELS[i]!,
        decimal(e.mean1),
        { text: count(e.n1), lowN: isLowN(e.n1) },
        decimal(e.mean2),
        { text: count(e.n2), lowN: isLowN(e.n2) },
        e.estimate === null ? `not available: ${e.reason}` : e.estimate.toFixed(2),
        ciText(e, 1, 2),
      ]),
    },
  });
  return h('div', { class: 'grid' }, proportions, means);
}

function networkSection(network: NetworkComparisonResponse) {
  return h('div', { class: 'grid' }, networkFigure(network, 'network-odds'), benchmarkTables(network, 'network-benchmark'));
}

function rangeForm(route: Route, metrics: ClinicMetricsResponse) {
  const months = metrics.monthlyTrends.map((r) => r.period);
  const from = h('input', { type: 'month', id: 'range-from', name: 'from', value: route.params.get('from') ?? months[0] ?? '' });
  const to = h('input', { type: 'month', id: 'range-to', name: 'to', value: route.params.get('to') ?? months.at(-1) ?? '' });
  const form = h(
    'form',
    { class: 'range no-print', 'aria-label': 'Date range of the trends' },
    h('label', { for: 'range-from' }, 'From '),
    from,
    h('label', { for: 'range-to' }, ' to '),
    to,
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => route.go({ from: undefined, to: undefined }) }, 'All months'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    route.go({ from: from.value || undefined, to: to.value || undefined });
  });
  return form;
}

type CounselorRow = { counselorId: string; metrics: GroupMetrics };

function counselorTable(response: ClinicMetricsResponse) {
  const rate = (value: number | null, n: number): Cell => ({ text: percent(value), sort: value, lowN: isLowN(n) });
  const rows = response.counselors.map(({ counselorId, metrics: m }: CounselorRow): Cell[] => [
    counselorId,
    { text: count(m.clients), sort: m.clients, lowN: isLowN(m.clients) },
    rate(m.engagement.overall.attendance.rate, m.engagement.overall.attendance.episodes),
    rate(m.engagement.overall.retention90.rate, m.engagement.overall.retention90.denominator),
    rate(m.attainment.collaborative.rate, m.attainment.collaborative.closedGoals),
    rate(m.attainment.directive.rate, m.attainment.directive.closedGoals),
    { text: decimal(m.gas.overall.meanTScore), sort: m.gas.overall.meanTScore, lowN: isLowN(m.gas.overall.clients) },
  ]);
  const table = dataTable(
    {
      caption: 'Counselors (select a heading to sort)',
      columns: [
        { label: 'Counselor' },
        { label: 'Clients', numeric: true },
        { label: 'Attendance', numeric: true },
        { label: '90-day retention', numeric: true },
        { label: 'Attainment, collaborative', numeric: true },
        { label: 'Attainment, directive', numeric: true },
        { label: 'Mean GAS T', numeric: true },
      ],
      rows,
    },
    { sortable: true },
  );
  return h('section', { class: 'card wide no-print', id: 'counselors' }, h('div', { class: 'table-scroll' }, table), csvButton(table, 'counselors.csv'));
}
