// The researcher's page: the network comparison over consenting clinics, suppressed aggregates
// only (SPEC §6: never a client-level view), and, for researchers alone, their de-identified
// exports (issue 10 §7). Directors and admins also open this page; the export API is not theirs.
import { getNetworkComparison } from '../api/endpoints.js';
import { dateTime } from '../format/numbers.js';
import { h, mount } from '../ui/dom.js';
import { drawCharts } from '../ui/figure.js';
import { errorState, loadingCards } from '../ui/states.js';
import { exportsSection } from './exports-page.js';
import { benchmarkTables, networkFigure } from './network-figures.js';

export async function renderResearcher(main: HTMLElement, options: { exports: boolean }) {
  mount(main, h('h2', {}, 'Network comparison'), loadingCards(2));
  // Both on the way at once: the page's two API calls.
  const exports = options.exports ? exportsSection() : undefined;
  try {
    const network = await getNetworkComparison();
    const page = await exports;
    mount(
      main,
      h(
        'div',
        { class: 'page-head' },
        h('h2', {}, 'Network comparison: clinics with research consent'),
        h('p', { class: 'as-of' }, `Figures as of ${dateTime(network.asOf)} · ${network.comparison.clinics} consenting clinics · suppressed aggregates only`),
      ),
      h('div', { class: 'grid' }, networkFigure(network, 'research-odds'), benchmarkTables(network, 'research-benchmark')),
      page?.section,
    );
    drawCharts();
    page?.follow();
  } catch (error) {
    const page = await exports;
    mount(main, h('h2', {}, 'Network comparison'), errorState(error, 'the network comparison'), page?.section);
    page?.follow();
  }
}

