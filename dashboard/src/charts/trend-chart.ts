// Trend lines by goal-setting mode: solid with circles for collaborative, dashed with triangles
// for directive.
import type { ChartConfiguration } from 'chart.js';
import type { GoalMode } from '../api/types.js';
import { modeStyles } from './palette.js';

export type Series = { label: string; values: (number | null)[]; mode?: GoalMode; colour?: string };

export function lineChart(labels: string[], series: Series[], yTitle: string, options: { min?: number; max?: number } = {}): ChartConfiguration<'line'> {
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
          borderDash: style?.borderDash ?? [],
          pointStyle: style?.pointStyle ?? 'rect',
          pointRadius: 4,
          borderWidth: 2,
          spanGaps: true,
        };
      }),
    },
    options: {
      scales: { y: { beginAtZero: true, ...options, title: { display: true, text: yTitle } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
