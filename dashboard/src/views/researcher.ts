// The researcher's page: the network comparison over consenting clinics, suppressed aggregates
// only (SPEC §6: never a client-level view), and the place of the research exports.
import { getNetworkComparison } from '../api/endpoints.js';
import { dateTime } from '../format/numbers.js';
import { h, mount } from '../ui/dom.js';
import { drawCharts } from '../ui/figure.js';
import { errorState, loadingCards } from '../ui/states.js';
import { benchmarkTables, networkFigure } from './network-figures.js';

export async function renderResearcher(main: HTMLElement) {
  mount(main, h('h2', {}, 'Network comparison'), loadingCards(2));
  try {
    const network = await getNetworkComparison();
    mount(
      main,
      h(
        'div',
        { class: 'page-head' },
        h('h2', {}, 'Network comparison: clinics with research consent'),
        h('p', { class: 'as-of' }, `Figures as of ${dateTime(network.asOf)} · ${network.comparison.clinics} consenting clinics · suppressed aggregates only`),
      ),
      h('div', { class: 'grid' }, networkFigure(network, 'research-odds'), benchmarkTables(network, 'research-benchmark')),
      exportsSlot(),
    );
    drawCharts();
  } catch (error) {
    mount(main, h('h2', {}, 'Network comparison'), errorState(error, 'the network comparison'));
  }
}

/** The research export issue puts its request and download page here (POST/GET /v1/exports). */
const exportsSlot = () =>
  h(
    'section',
    { class: 'card wide slot', id: 'exports', 'aria-labelledby': 'exports-title' },
    h('h3', { id: 'exports-title' }, 'De-identified exports'),
    h('p', {}, 'Requesting and downloading de-identified exports with their codebook will appear here.'),
  );
