// Trend lines by goal-setting mode: solid with circles for collaborative, dashed with triangles
// for directive.
import type { ChartConfiguration, PointStyle } from 'chart.js';
import type { GoalMode } from '../api/types.js';
import { hatch, modeStyles } from './palette.js';

type Series = {
  label: string;
  values: (number | null)[];
  /** Colour and dash of the goal-setting mode; otherwise `colour` and `dash`. */
  mode?: GoalMode;
  colour?: string;
  dash?: number[];
  /** Overrides the mode's marker, e.g. one marker per goal. */
  pointStyle?: PointStyle;
  /** A threshold drawn as a thin line without points. */
  reference?: boolean;
};

export function lineChart(labels: string[], series: Series[], yTitle: string, options: { min?: number; max?: number; step?: number } = {}): ChartConfiguration<'line'> {
  const { step, ...range } = options;
  return {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s) => {
        const style = s.mode ? modeStyles[s.mode] : undefined;
        const colour = style?.colour ?? s.colour ?? '#374151';
        return {
          label: s.label,
          data: s.values,
          borderColor: colour,
          backgroundColor: colour,
          borderDash: style?.borderDash ?? s.dash ?? [],
          pointStyle: s.pointStyle ?? style?.pointStyle ?? 'rect',
          pointRadius: s.reference ? 0 : 4,
          borderWidth: s.reference ? 1 : 2,
          spanGaps: true,
          // Points on the axis limits (a GAS level of ±2) are drawn whole.
          clip: 8,
        };
      }),
    },
    options: {
      scales: { y: { beginAtZero: true, ...range, ...(step ? { ticks: { stepSize: step } } : {}), title: { display: true, text: yTitle } } },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    },
  };
}

/** Counts per period as bars: the first series solid, the second hatched (told apart without colour). */
export function countBars(labels: string[], series: [Series, Series], yTitle: string): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => {
        const colour = s.colour ?? '#374151';
        return { label: s.label, data: s.values, backgroundColor: i === 0 ? colour : hatch(colour), borderColor: colour, borderWidth: 2 };
      }),
    },
    options: {
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
