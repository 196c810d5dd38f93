// KPI tiles: one figure, collaborative beside directive, each with the number behind it.
import { h } from './dom.js';
import { lowNBadge } from './table.js';
import { modeStyles } from '../charts/palette.js';
import type { GoalMode } from '../api/types.js';
import { isLowN } from '../format/numbers.js';

type TileValue = { text: string; n: number; unit: string };

const marker = (mode: GoalMode) => h('span', { class: `marker marker-${mode}`, 'aria-hidden': 'true' });

export const kpiTile = (title: string, values: Record<GoalMode, TileValue>, overall?: string) =>
  h(
    'div',
    { class: 'kpi', role: 'group', 'aria-label': title },
    h('h3', {}, title),
    ...(['collaborative', 'directive'] as const).map((mode) =>
      h(
        'p',
        { class: `kpi-row kpi-${mode}` },
        marker(mode),
        h('span', { class: 'kpi-mode' }, modeStyles[mode].label),
        h('strong', { class: 'kpi-value' }, values[mode].text),
        h('span', { class: 'kpi-n' }, `${values[mode].n} ${values[mode].unit}`),
        isLowN(values[mode].n) ? lowNBadge() : null,
      ),
    ),
    overall ? h('p', { class: 'kpi-overall' }, `Overall: ${overall}`) : null,
  );
