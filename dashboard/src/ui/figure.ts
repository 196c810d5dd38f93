// A chart card: title, plain-language captions, the chart, and its table alternative (reachable
// by keyboard through <details>) with a CSV download of exactly that table.
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from '../charts/register.js';
import { h } from './dom.js';
import { csvButton, dataTable, type TableModel } from './table.js';

const live: Chart[] = [];
const pending: (() => void)[] = [];

/** Marks the first chart on screen for the Performance API (measured by the e2e run). */
const FIRST_CHART_MARK = 'first-chart';

export function figureCard<T extends ChartType>(options: {
  id: string;
  title: string;
  captions: string[];
  chart: ChartConfiguration<T> | null;
  table: TableModel;
  size?: 'wide' | 'normal';
  empty?: string;
}) {
  const table = dataTable(options.table);
  const chartBox = options.chart
    ? chartCanvas(options.chart, `${options.title}. ${options.captions.join(' ')}`)
    : h('div', { class: 'chart-box chart-empty' }, options.empty ?? 'Nothing to chart yet.');
  return h(
    'section',
    { class: `card figure ${options.size === 'wide' ? 'wide' : ''}`, id: options.id, 'aria-labelledby': `${options.id}-title` },
    h('h3', { id: `${options.id}-title` }, options.title),
    chartBox,
    h('div', { class: 'captions' }, ...options.captions.map((text) => h('p', { class: 'caption' }, text))),
    h('details', { class: 'table-alt' }, h('summary', {}, 'Table and CSV'), table, csvButton(table, `${options.id}.csv`)),
  );
}

/** A chart in a fixed-height box, drawn by drawCharts() once it is in the page. */
export function chartCanvas<T extends ChartType>(config: ChartConfiguration<T>, label: string): HTMLDivElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  pending.push(() => {
    live.push(new Chart(canvas, config as ChartConfiguration));
    if (performance.getEntriesByName(FIRST_CHART_MARK).length === 0) performance.mark(FIRST_CHART_MARK);
  });
  return h('div', { class: 'chart-box' }, canvas);
}

/** Draws the charts of the cards just mounted: Chart.js sizes a canvas from its container. */
export function drawCharts(): void {
  for (const draw of pending.splice(0)) draw();
}

// Printed charts are smaller, so their text is too; Chart.js resolves fonts when it updates.
const printing = matchMedia('print');
printing.addEventListener('change', () => {
  Chart.defaults.font.size = printing.matches ? 8 : 13;
  for (const chart of live) {
    chart.resize();
    chart.update();
  }
});

/** Before a view is replaced. */
export function destroyCharts(): void {
  pending.length = 0;
  for (const chart of live.splice(0)) chart.destroy();
}
