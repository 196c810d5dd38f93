// Plain-language captions for every comparison: the size, the 95% interval and the numbers behind
// it, and plainly when the interval includes no difference, when groups are small, or when the
// crude and the clinic-stratified figures disagree. The statistics are the API's (SPEC §5); this
// file only words them.
import type { DifferenceEstimate, EffectSizeEstimate, Estimate, NetworkFigure, ProportionComparison } from '../api/types.js';
import { PROTECTION_LEVEL } from '../../../functions/disclosure/small-count.js';
import { ciText, percent } from './numbers.js';

export type ProportionWording = {
  /** e.g. "goals were achieved" → "Collaborative goals were achieved more often" */
  collaborative: string;
  directive: string;
  happened: string;
  unit: Unit;
};

/** What a figure counts: goals, clients, or episodes of care (engagement counts episodes, SPEC §3). */
type Unit = 'goals' | 'clients' | 'episodes';

const pointsOf = (value: number) => Math.round(Math.abs(value) * 100);
const includes = (e: { lower: number; upper: number }, value: number) => e.lower <= value && value <= e.upper;

function smallGroups(n1: number, n2: number, unit: string): string[] {
  const small = [n1 < PROTECTION_LEVEL ? `collaborative (${n1})` : null, n2 < PROTECTION_LEVEL ? `directive (${n2})` : null].filter(Boolean);
  return small.length === 0 ? [] : [`Few ${unit} behind the ${small.join(' and ')} figure${small.length > 1 ? 's' : ''}: fewer than ${PROTECTION_LEVEL}, so treat ${small.length > 1 ? 'them' : 'it'} with caution.`];
}

export function proportionCaption(words: ProportionWording, comparison: ProportionComparison): string {
  const { collaborative: c, directive: d, difference } = comparison;
  if (c.estimate === null || d.estimate === null || difference.estimate === null) {
    return `Not compared: ${unavailableReason(difference)} (${c.n} vs ${d.n} ${words.unit}).`;
  }
  const diff = difference as DifferenceEstimate & { estimate: number; lower: number; upper: number };
  const collaborativeAhead = diff.estimate > 0;
  const lead =
    diff.estimate === 0
      ? `${words.collaborative} and ${words.directive.toLowerCase()} ${words.happened} equally often`
      : `${collaborativeAhead ? words.collaborative : words.directive} ${words.happened} more often`;
  // The interval is turned with the difference, so it reads in the direction of the sentence.
  const [lower, upper] = collaborativeAhead || diff.estimate === 0 ? [diff.lower, diff.upper] : [-diff.upper, -diff.lower];
  const sentence =
    `${lead}: ${percent(c.estimate)} vs ${percent(d.estimate)}, a difference of ${pointsOf(diff.estimate)} points ` +
    `(95% CI ${signedPoints(lower)} to ${signedPoints(upper)}), ${c.n} vs ${d.n} ${words.unit}.`;
  const notes = [
    ...(includes(diff, 0) ? ['The interval includes no difference, so chance alone could explain it.'] : []),
    ...smallGroups(c.n, d.n, words.unit),
  ];
  return [sentence, ...notes].join(' ');
}

const signedPoints = (value: number) => `${value < 0 ? '−' : ''}${pointsOf(value)}`;

export type MeanWording = { name: string; digits: number };

// Conventional labels for |g|: 0.2 small, 0.5 medium, 0.8 large (Cohen J, Statistical Power
// Analysis for the Behavioral Sciences, 2nd ed., 1988).
function effectSize(g: number): string {
  const size = Math.abs(g);
  return size < 0.2 ? 'a negligible' : size < 0.5 ? 'a small' : size < 0.8 ? 'a medium' : 'a large';
}

export function meanCaption(words: MeanWording, e: EffectSizeEstimate): string {
  const means = e.mean1 !== null && e.mean2 !== null ? `${e.mean1.toFixed(words.digits)} vs ${e.mean2.toFixed(words.digits)}, ` : '';
  if (e.estimate === null) return `${words.name}: not compared — ${unavailableReason(e)}; ${means}${e.n1} vs ${e.n2} clients.`;
  const g = e as EffectSizeEstimate & { estimate: number; lower: number; upper: number };
  const direction = g.estimate > 0 ? 'higher' : g.estimate < 0 ? 'lower' : 'the same';
  const sentence =
    `Clients with collaborative goals had ${direction === 'the same' ? 'the same' : `a ${direction}`} mean ${words.name}: ${means}` +
    `${effectSize(g.estimate)} standardised difference (Hedges’ g ${g.estimate.toFixed(2)}, 95% CI ${ciText(g, 1, 2)}), ${e.n1} vs ${e.n2} clients.`;
  const notes = [...(includes(g, 0) ? ['The interval includes no difference, so chance alone could explain it.'] : []), ...smallGroups(e.n1, e.n2, 'clients')];
  return [sentence, ...notes].join(' ');
}

/** An odds ratio as the API rounded it: `decimals` places, never more precision than it published. */
const ratioText = (e: { estimate: number; lower: number; upper: number }, decimals: number) => `${e.estimate.toFixed(decimals)} (95% CI ${ciText(e, 1, decimals)})`;

const unavailableReason = (e: Estimate) => (e.estimate === null ? e.reason : '');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ofUnit = (n: number | null, unit: Unit) => (n === null ? '' : `, ${n} ${unit}`);

/** Said once above the network figures: what the odds ratios are computed from, and why they are rounded. */
export const NETWORK_METHOD_NOTE =
  'Both odds ratios are computed from every clinic’s exact counts, including those suppressed in the benchmark, and are rounded so that no suppressed count can be worked out from them.';

/**
 * Network level: the clinic-stratified (Mantel–Haenszel) odds ratio beside the crude pooled one,
 * to the `decimals` the API rounded them to (SPEC §5, §7).
 */
export function networkCaption(outcome: string, unit: Unit, figure: NetworkFigure): string[] {
  const { stratified, crude } = figure;
  if (stratified.estimate === null && crude.estimate === null) {
    return [`${capitalise(outcome)}: no network odds ratio — ${stratified.reason}.`];
  }
  const decimals = figure.decimals ?? 2;
  const lines: string[] = [];
  if (stratified.estimate !== null) {
    lines.push(
      `Allowing for differences between clinics, the odds of ${outcome} with collaborative goals were ${ratioText(stratified, decimals)} times those with directive goals ` +
        `(Mantel–Haenszel over all ${plural(stratified.strata, 'clinic')}${ofUnit(stratified.n, unit)}).`,
    );
  } else {
    lines.push(`No clinic-stratified odds ratio for ${outcome}: ${stratified.reason}.`);
  }
  lines.push(
    crude.estimate !== null
      ? `Pooling every clinic as one (crude), the odds ratio is ${ratioText(crude, decimals)}${ofUnit(crude.n, unit)}.`
      : `No crude odds ratio for ${outcome}: ${crude.reason}.`,
  );
  if (stratified.estimate !== null && crude.estimate !== null) {
    const side = (e: { estimate: number }) => Math.sign(Math.log(e.estimate));
    if (side(stratified) !== side(crude)) {
      lines.push('Crude and stratified point in opposite directions: clinics differ in case mix, so the stratified figure is the fairer comparison.');
    } else if (includes(stratified, 1) !== includes(crude, 1)) {
      lines.push(
        `Crude and stratified disagree: only the ${includes(stratified, 1) ? 'crude' : 'stratified'} interval leaves out 1 (no difference). The stratified figure allows for case mix and is the fairer one.`,
      );
    }
    if (includes(stratified, 1)) lines.push('The stratified interval includes 1 (no difference).');
  }
  if (decimals < 2) {
    lines.push(`The ${outcome} odds ratios are shown ${decimals === 0 ? 'as whole numbers' : `to ${plural(decimals, 'decimal')}`}: finer figures would give a suppressed count away.`);
  }
  // A missing crude figure already gives the same reason as the withheld network row.
  if (figure.networkWithheld !== null && crude.estimate !== null) lines.push(`The network’s number of ${unit} is not shown: ${figure.networkWithheld}.`);
  if (stratified.estimate !== null && stratified.n !== null && stratified.n < PROTECTION_LEVEL) lines.push(`Fewer than ${PROTECTION_LEVEL} ${unit} behind the stratified figure: treat it with caution.`);
  return lines;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
