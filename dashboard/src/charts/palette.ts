// Colours and marks. Okabe & Ito's colour-blind-safe palette (Okabe M, Ito K, "Color Universal
// Design", 2008): collaborative blue, directive vermilion. Hue is never the only cue: directive
// bars are hatched, directive lines dashed, and the two modes use different point markers.
import type { PointStyle } from 'chart.js';
import type { GoalMode } from '../api/types.js';

export const colours = {
  collaborative: '#0072B2',
  directive: '#D55E00',
  crude: '#000000',
  stratified: '#CC79A7',
  neutral: '#009E73',
  grid: '#e5e7eb',
} as const;

type ModeStyle = { label: string; colour: string; pointStyle: PointStyle; borderDash: number[]; hatched: boolean };

export const modeStyles: Record<GoalMode, ModeStyle> = {
  collaborative: { label: 'Collaborative', colour: colours.collaborative, pointStyle: 'circle', borderDash: [], hatched: false },
  directive: { label: 'Directive', colour: colours.directive, pointStyle: 'triangle', borderDash: [6, 4], hatched: true },
};

/** Diagonal hatching in the mode colour over white, for directive bars. */
export function hatch(colour: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.moveTo(-2, 2);
  ctx.lineTo(2, -2);
  ctx.moveTo(6, 10);
  ctx.lineTo(10, 6);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

export const barFill = (style: ModeStyle) => (style.hatched ? hatch(style.colour) : style.colour);
