// Chart configurations of the comparisons: every interval drawn by chartjs-chart-error-bars.
import type { ChartConfiguration } from 'chart.js';
import type { BreakdownRow, EffectSizeEstimate, Estimate, ModeComparison, NetworkComparison, ProportionEstimate } from '../api/types.js';
import { barFill, colours, modeStyles } from './palette.js';

type Interval = { y: number; yMin: number; yMax: number };

const MISSING: Interval = { y: Number.NaN, yMin: Number.NaN, yMax: Number.NaN };

/** A missing estimate is NaN, which Chart.js leaves out (never drawn as 0). */
const interval = (e: Estimate, scale = 1): Interval =>
  e.estimate === null ? MISSING : { y: e.estimate * scale, yMin: e.lower * scale, yMax: e.upper * scale };

// The points of these charts are pointWithErrorBar elements, whose dataset options carry no
// `point` prefix: their size is `radius`, which the dataset typings do not list.
const marker = { radius: 7 } as object;

const errorBarStyle = { errorBarColor: '#111827', errorBarWhiskerColor: '#111827', errorBarLineWidth: 1.5, errorBarWhiskerLineWidth: 1.5 };

export const PROPORTION_LABELS = ['Goal attainment', '90-day retention'] as const;

export function proportionChart(comparison: ModeComparison): ChartConfiguration<'barWithErrorBars'> {
  const pick = (mode: 'collaborative' | 'directive'): ProportionEstimate[] => [comparison.attainment[mode], comparison.retention90[mode]];
  return {
    type: 'barWithErrorBars',
    data: {
      labels: [...PROPORTION_LABELS],
      datasets: (['collaborative', 'directive'] as const).map((mode) => {
        const style = modeStyles[mode];
        return {
          label: style.label,
          data: pick(mode).map((e) => interval(e, 100)),
          backgroundColor: barFill(style),
          borderColor: style.colour,
          borderWidth: 2,
          ...errorBarStyle,
        };
      }),
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: '% (95% CI)' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

export const EFFECT_LABELS = ['GAS T-score', 'WAI-SR total', 'ORS change'] as const;
export const effectsOf = (c: ModeComparison): EffectSizeEstimate[] => [c.gasTScore, c.waiSrTotal, c.orsChange];

function referenceLine(label: string, value: number, points: number) {
  return { type: 'line' as const, label, data: Array.from({ length: points }, () => value), borderColor: '#6b7280', borderDash: [2, 3], borderWidth: 1, pointRadius: 0 };
}

export function effectChart(comparison: ModeComparison): ChartConfiguration<'lineWithErrorBars'> {
  return {
    type: 'lineWithErrorBars',
    data: {
      labels: EFFECT_LABELS.map((label, i) => (effectsOf(comparison)[i]!.estimate === null ? [label, 'not computed'] : label)),
      datasets: [
        {
          label: 'Hedges’ g, collaborative − directive',
          data: effectsOf(comparison).map((e) => interval(e)),
          showLine: false,
          pointStyle: 'rectRot',
          ...marker,
          backgroundColor: colours.neutral,
          borderColor: colours.neutral,
          ...errorBarStyle,
        },
        referenceLine('No difference', 0, EFFECT_LABELS.length) as never,
      ],
    },
    options: {
      scales: { x: { offset: true }, y: { title: { display: true, text: 'Hedges’ g (95% CI)' } } },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    },
  };
}

/** Crude beside stratified for each outcome: four slots, so the two intervals never overlap. */
export function networkChart(network: NetworkComparison): ChartConfiguration<'lineWithErrorBars'> {
  const figures = [network.attainment, network.retention90];
  // A withheld or incomputable estimate leaves its slot empty, and the axis says why at a glance.
  const slot = (label: string, method: string, e: Estimate) => [label, e.estimate === null ? `${method}: not available` : method];
  const labels = PROPORTION_LABELS.flatMap((label, i) => [slot(label, 'crude', figures[i]!.crude), slot(label, 'stratified', figures[i]!.stratified)]);
  const series = (label: string, colour: string, pointStyle: 'circle' | 'rectRot', slot: 0 | 1) => ({
    label,
    data: figures.flatMap((f) => {
      const value = interval(slot === 0 ? f.crude : f.stratified);
      return slot === 0 ? [value, MISSING] : [MISSING, value];
    }),
    showLine: false,
    pointStyle,
    ...marker,
    backgroundColor: colour,
    borderColor: colour,
    ...errorBarStyle,
  });
  return {
    type: 'lineWithErrorBars',
    data: {
      labels,
      datasets: [
        series('Crude (pooled)', colours.crude, 'circle', 0),
        series('Stratified by clinic (Mantel–Haenszel)', colours.stratified, 'rectRot', 1),
        referenceLine('No difference (odds ratio 1)', 1, labels.length) as never,
      ],
    },
    options: {
      scales: { x: { offset: true }, y: { type: 'logarithmic', title: { display: true, text: 'Odds ratio (log scale)' } } },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    },
  };
}

/** Each clinic's rate by mode, the network's last; a suppressed rate is a gap, named on the axis. */
export function clinicRatesChart(rows: BreakdownRow[]): ChartConfiguration<'bar'> {
  const rate = (value: number | null) => (value === null ? Number.NaN : value * 100);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => (r.collaborativeRate === null || r.directiveRate === null ? [r.clinic, 'suppressed'] : r.clinic)),
      datasets: (['collaborative', 'directive'] as const).map((mode) => {
        const style = modeStyles[mode];
        return {
          label: style.label,
          data: rows.map((r) => rate(mode === 'collaborative' ? r.collaborativeRate : r.directiveRate)),
          backgroundColor: barFill(style),
          borderColor: style.colour,
          borderWidth: 2,
        };
      }),
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
