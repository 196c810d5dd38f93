// One client of the counselor's caseload over time: GAS level per goal, sessions attended and
// missed, SRS and ORS totals. One API call; 404 for a client outside the caseload.
import { getClientTimeline } from '../api/endpoints.js';
import type { ClientTimelineResponse } from '../api/types.js';
import { countBars, lineChart } from '../charts/trend-chart.js';
import { colours } from '../charts/palette.js';
import { count, dateOnly, dateTime } from '../format/numbers.js';
import { link } from '../router.js';
import { h, mount } from '../ui/dom.js';
import { drawCharts, figureCard } from '../ui/figure.js';
import { errorState, loadingCards } from '../ui/states.js';
import type { Cell } from '../ui/table.js';

export async function renderClientTimeline(main: HTMLElement, counselorId: string, clientId: string) {
  const back = h('p', { class: 'no-print' }, h('a', { href: link('counselor', counselorId) }, '← Back to the caseload'));
  mount(main, back, h('h2', {}, `Client ${clientId}`), loadingCards(3));
  try {
    const timeline = await getClientTimeline(counselorId, clientId);
    mount(
      main,
      back,
      h('div', { class: 'page-head' }, h('h2', {}, `Client ${clientId}`), h('p', { class: 'as-of' }, `Clinic ${timeline.clinicId} · as of ${dateTime(timeline.asOf)} · ${timeline.timeZone}`)),
      h('div', { class: 'grid' }, gasFigure(timeline), sessionsFigure(timeline), measuresFigure(timeline)),
    );
    drawCharts();
  } catch (error) {
    mount(main, back, h('h2', {}, `Client ${clientId}`), errorState(error, 'this client'));
  }
}

function goalState(goal: ClientTimelineResponse['goals'][number]) {
  const reviews = goal.levels.length === 0 ? 'never reviewed' : `latest level ${goal.levels.at(-1)!.level}`;
  return goal.closed ? `closed ${dateOnly(goal.closed.at)} as ${goal.closed.outcome.replace(/_/g, ' ')}, ${reviews}` : `open, ${reviews}`;
}

// SPEC §4: SRS < 36 signals an alliance problem; the adult ORS clinical cutoff is 25.
const SRS_THRESHOLD = 36;
const ORS_CUTOFF = 25;

const GOAL_MARKERS = ['circle', 'rect', 'rectRot', 'star', 'crossRot', 'triangle'] as const;

const days = (points: { at: string }[]) => [...new Set(points.map((p) => dateOnly(p.at)))].sort();

function gasFigure(t: ClientTimelineResponse) {
  const labels = days(t.goals.flatMap((g) => g.levels));
  const series = t.goals.map((g, i) => {
    const byDay = new Map(g.levels.map((l) => [dateOnly(l.at), l.level]));
    return { label: `${g.goalId} (${g.mode})`, mode: g.mode, pointStyle: GOAL_MARKERS[i % GOAL_MARKERS.length], values: labels.map((d) => byDay.get(d) ?? null) };
  });
  return figureCard({
    id: 'client-gas',
    title: 'Goal attainment level per goal (GAS, −2 to +2)',
    captions: t.goals.length === 0 ? ['No goals set yet.'] : [
      '0 is the expected outcome. Collaborative goals are drawn blue and solid, directive goals vermilion and dashed; each goal has its own marker.',
      ...t.goals.map((g) => `Goal ${g.goalId} (${g.mode}, ${g.domain.replace(/_/g, ' ')}): set ${dateOnly(g.setAt)}, ${goalState(g)}.`),
    ],
    chart: labels.length === 0 ? null : lineChart(labels, series, 'GAS level', { min: -2, max: 2, step: 1 }),
    empty: 'No goal reviews yet.',
    table: {
      caption: 'GAS levels by goal and date',
      columns: [{ label: 'Goal' }, { label: 'Mode' }, { label: 'Date' }, { label: 'Level', numeric: true }],
      rows: t.goals.flatMap((g) => g.levels.map((l): Cell[] => [g.goalId, g.mode, dateOnly(l.at), String(l.level)])),
    },
  });
}

function sessionsFigure(t: ClientTimelineResponse) {
  const months = [...new Set(t.sessions.map((s) => s.at.slice(0, 7)))].sort();
  const tally = (status: string) => months.map((m) => t.sessions.filter((s) => s.at.startsWith(m) && s.status === status).length);
  const attended = tally('attended');
  const missed = tally('no_show');
  return figureCard({
    id: 'client-sessions',
    title: 'Sessions attended and missed per month',
    captions: [`${count(attended.reduce((a, b) => a + b, 0))} attended and ${count(missed.reduce((a, b) => a + b, 0))} missed; cancelled sessions are not counted as missed.`],
    chart: months.length === 0 ? null : countBars(months, [
      { label: 'Attended', colour: colours.neutral, values: attended },
      { label: 'Missed (no-show)', colour: colours.directive, values: missed },
    ], 'Sessions'),
    empty: 'No sessions yet.',
    table: {
      caption: 'Sessions per month',
      columns: [{ label: 'Month' }, { label: 'Attended', numeric: true }, { label: 'Missed', numeric: true }],
      rows: months.map((m, i): Cell[] => [m, String(attended[i]), String(missed[i])]),
    },
  });
}

function measuresFigure(t: ClientTimelineResponse) {
  const labels = days([...t.measures.srs, ...t.measures.ors]);
  const on = (points: { at: string; total: number }[]) => {
    const byDay = new Map(points.map((p) => [dateOnly(p.at), p.total]));
    return labels.map((d) => byDay.get(d) ?? null);
  };
  const srs = on(t.measures.srs);
  const ors = on(t.measures.ors);
  return figureCard({
    id: 'client-measures',
    title: 'SRS and ORS totals (0–40)',
    captions: [`An SRS total below ${SRS_THRESHOLD} signals an alliance problem; an ORS below ${ORS_CUTOFF} is in the clinical range, and a change of 5 points is reliable.`],
    chart: labels.length === 0 ? null : lineChart(labels, [
      { label: 'SRS total', colour: colours.collaborative, pointStyle: 'circle', values: srs },
      { label: 'ORS total', colour: colours.stratified, pointStyle: 'rectRot', dash: [6, 4], values: ors },
      { label: `SRS alliance threshold (${SRS_THRESHOLD})`, colour: colours.collaborative, dash: [2, 3], reference: true, values: labels.map(() => SRS_THRESHOLD) },
      { label: `ORS clinical cutoff (${ORS_CUTOFF})`, colour: colours.stratified, dash: [2, 3], reference: true, values: labels.map(() => ORS_CUTOFF) },
    ], 'Total', { min: 0, max: 40 }),
    empty: 'No SRS or ORS recorded yet.',
    table: {
      caption: 'SRS and ORS totals by date',
      columns: [{ label: 'Date' }, { label: 'SRS total', numeric: true }, { label: 'ORS total', numeric: true }],
      rows: labels.map((d, i): Cell[] => [d, srs[i]?.toFixed(1) ?? '—', ors[i]?.toFixed(1) ?? '—']),
    },
  });
}
