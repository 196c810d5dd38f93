// Trend figures by mode (monthly for directors, weekly for counselors).
import type { TrendRow } from '../api/types.js';
import { lineChart } from '../charts/trend-chart.js';
import { count, isLowN, percent } from '../format/numbers.js';
import { figureCard } from '../ui/figure.js';
import type { Cell } from '../ui/table.js';

function goalsFigure(rows: TrendRow[], id: string, period: string, pick: 'goalsSet' | 'goalsAchieved') {
  const verb = pick === 'goalsSet' ? 'set' : 'achieved';
  const labels = rows.map((r) => r.period);
  const totals = rows.reduce((t, r) => ({ c: t.c + r[pick].collaborative, d: t.d + r[pick].directive }), { c: 0, d: 0 });
  return figureCard({
    id,
    title: `Goals ${verb} per ${period}, by mode`,
    captions: rows.length === 0 ? ['No activity in this range.'] : [`${count(totals.c)} collaborative and ${count(totals.d)} directive goals ${verb} from ${labels[0]} to ${labels.at(-1)}.`],
    chart:
      rows.length === 0
        ? null
        : lineChart(
            labels,
            [
              { label: 'Collaborative', mode: 'collaborative', values: rows.map((r) => r[pick].collaborative) },
              { label: 'Directive', mode: 'directive', values: rows.map((r) => r[pick].directive) },
            ],
            `Goals ${verb}`,
          ),
    empty: 'No activity in this range.',
    table: {
      caption: `Goals ${verb} per ${period}`,
      columns: [{ label: period === 'month' ? 'Month' : 'ISO week' }, { label: 'Collaborative', numeric: true }, { label: 'Directive', numeric: true }],
      rows: rows.map((r): Cell[] => [r.period, count(r[pick].collaborative), count(r[pick].directive)]),
    },
  });
}

function activityFigure(rows: TrendRow[], id: string, period: string) {
  const labels = rows.map((r) => r.period);
  return figureCard({
    id,
    title: `Active clients and attendance per ${period}`,
    captions: rows.length === 0 ? ['No activity in this range.'] : [`Active clients are those with at least one attended session in the ${period}; the attendance rate leaves cancelled sessions out.`],
    chart: rows.length === 0 ? null : lineChart(labels, [
      { label: 'Active clients', colour: '#009E73', values: rows.map((r) => r.activeClients) },
      { label: 'Sessions attended', colour: '#56B4E9', values: rows.map((r) => r.attended) },
      { label: 'No-shows', colour: '#E69F00', values: rows.map((r) => r.noShow) },
    ], 'Clients or sessions'),
    empty: 'No activity in this range.',
    table: {
      caption: `Activity per ${period}`,
      columns: [{ label: period === 'month' ? 'Month' : 'ISO week' }, { label: 'Active clients', numeric: true }, { label: 'Attended', numeric: true }, { label: 'No-shows', numeric: true }, { label: 'Attendance rate', numeric: true }],
      rows: rows.map((r): Cell[] => [r.period, { text: count(r.activeClients), lowN: isLowN(r.activeClients) }, count(r.attended), count(r.noShow), percent(r.attendanceRate)]),
    },
  });
}

export const monthlyTrendFigures = (rows: TrendRow[]) => [goalsFigure(rows, 'trend-goals-set', 'month', 'goalsSet'), goalsFigure(rows, 'trend-goals-achieved', 'month', 'goalsAchieved'), activityFigure(rows, 'trend-activity', 'month')];

export const weeklyTrendFigures = (rows: TrendRow[]) => [activityFigure(rows, 'week-activity', 'week'), goalsFigure(rows, 'week-goals-set', 'week', 'goalsSet')];
