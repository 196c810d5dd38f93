// One audience's network comparison from the stored one (SPEC §5, §7): the cells are the same for
// everyone; what is decided here, on read, is only who is named — a director's own clinics by id,
// every other clinic by a letter in the stored (random) order — and whether the breakdown is shown.
import { NETWORK_FIGURES, type NetworkFigureName, type PublishedLine } from '../../metrics/index.js';
import { ratio } from '../../stats/descriptive.js';
import type { NetworkView } from '../../store/network-view.js';
import type { BreakdownRowResponse, NetworkComparisonResponse, NetworkFigureResponse } from './network-comparison-response.js';

export function networkComparisonBody(
  view: NetworkView,
  reader: { view: NetworkComparisonResponse['view']; ownClinics: readonly string[]; breakdownWithheld: string | null },
): NetworkComparisonResponse {
  const own = new Set(reader.ownClinics);
  const ordered = [...view.breakdown.filter((r) => own.has(r.clinicId)), ...view.breakdown.filter((r) => !own.has(r.clinicId))];
  const ownRows = ordered.filter((r) => own.has(r.clinicId)).length;
  const labels = ordered.map((r, i) => (own.has(r.clinicId) ? r.clinicId : `Clinic ${letters(i - ownRows)}`));
  const figure = (name: NetworkFigureName): NetworkFigureResponse => {
    const stored = view.figures[name];
    const clinics = reader.breakdownWithheld ? [] : ordered.map((r, i) => breakdownRow(labels[i]!, own.has(r.clinicId), r.lines[name]));
    return {
      decimals: stored.decimals,
      stratified: stored.stratified,
      crude: stored.crude,
      clinics,
      breakdownWithheld: reader.breakdownWithheld,
      network: stored.network ? breakdownRow('Network', false, stored.network) : null,
      networkWithheld: stored.networkWithheld,
      suppressedCells: clinics.flatMap((r) => [...Object.values(r.cells), r.total]).filter((c) => c.suppressed).length,
    };
  };
  const [attainment, retention90] = NETWORK_FIGURES.map(figure) as [NetworkFigureResponse, NetworkFigureResponse];
  return { view: reader.view, asOf: view.asOf, comparison: { clinics: view.clinics, attainment, retention90 } };
}

function breakdownRow(clinic: string, own: boolean, line: PublishedLine): BreakdownRowResponse {
  const published = (v: number | null) => (v === null ? ({ count: null, suppressed: true } as const) : ({ count: v, suppressed: false } as const));
  const [a = null, b = null, c = null, d = null, total = null] = line;
  const rate = (event: number | null, noEvent: number | null) => (event === null || noEvent === null ? null : ratio(event, event + noEvent));
  return {
    clinic,
    own,
    cells: { a: published(a), b: published(b), c: published(c), d: published(d) },
    total: published(total),
    collaborativeRate: rate(a, b),
    directiveRate: rate(c, d),
  };
}

/** 0 → A, 25 → Z, 26 → AA, like spreadsheet columns. */
function letters(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}
