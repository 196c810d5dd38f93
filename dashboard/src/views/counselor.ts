// The counselor's page: the caseload with flags and why, and the last 26 ISO weeks. One API call.
import { getCaseload } from '../api/endpoints.js';
import type { CaseloadResponse, CaseloadRow } from '../api/types.js';
import { count, dateOnly, dateTime, decimal, percent } from '../format/numbers.js';
import { link } from '../router.js';
import { h, mount } from '../ui/dom.js';
import { drawCharts } from '../ui/figure.js';
import { emptyState, errorState, loadingCards } from '../ui/states.js';
import { type Cell, csvButton, dataTable } from '../ui/table.js';
import { weeklyTrendFigures } from './trend-figures.js';

const flagLabels: Record<string, string> = {
  no_goals: 'No goals yet',
  missed_sessions: 'Missed sessions',
  alliance_risk: 'Alliance at risk',
  stalled_goal: 'Stalled goal',
  deteriorating: 'Deteriorating',
};

const modeLabels: Record<string, string> = { collaborative: 'Collaborative', directive: 'Directive', mixed: 'Mixed', none: 'No goals' };

export async function renderCounselor(main: HTMLElement, counselorId: string) {
  mount(main, h('h2', {}, `Caseload of ${counselorId}`), loadingCards(3, 'table'));
  try {
    const caseload = await getCaseload(counselorId);
    const flagged = caseload.clients.filter((c) => c.flags.length > 0).length;
    mount(
      main,
      h(
        'div',
        { class: 'page-head' },
        h('h2', {}, `Caseload of ${counselorId}`),
        h('p', { class: 'as-of' }, `Clinic ${caseload.clinicId} · figures as of ${dateTime(caseload.asOf)} · ${caseload.timeZone}`),
      ),
      h('p', { class: 'summary' }, `${count(caseload.clients.length)} clients in an open episode; ${count(flagged)} need attention (flagged first).`),
      caseloadTable(caseload),
      h('h2', { class: 'section-title' }, 'The last 26 weeks'),
      h('div', { class: 'grid' }, ...weeklyTrendFigures(caseload.weeklyTrends)),
    );
    drawCharts();
  } catch (error) {
    mount(main, h('h2', {}, 'Caseload'), errorState(error, 'the caseload'));
  }
}

function flagList(row: CaseloadRow) {
  if (row.flags.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('ul', { class: 'flags' }, ...row.flags.map((f) => h('li', {}, h('strong', { class: `flag flag-${f.flag}` }, flagLabels[f.flag] ?? f.flag), `: ${f.reason}`)));
}

function caseloadTable(caseload: CaseloadResponse) {
  if (caseload.clients.length === 0) return emptyState('No clients in an open episode.');
  const rows = caseload.clients.map((c): Cell[] => [
    { text: c.clientId, node: h('a', { href: link('counselor', caseload.counselorId, 'clients', c.clientId) }, c.clientId) },
    modeLabels[c.mode] ?? c.mode,
    { text: dateOnly(c.start), sort: c.start },
    { text: dateOnly(c.lastAttendedAt), sort: c.lastAttendedAt },
    { text: percent(c.attendanceRate), sort: c.attendanceRate },
    { text: count(c.openGoals), sort: c.openGoals },
    { text: decimal(c.gasTScore), sort: c.gasTScore },
    { text: decimal(c.srsLatest), sort: c.srsLatest },
    { text: c.flags.map((f) => `${flagLabels[f.flag] ?? f.flag}: ${f.reason}`).join('; ') || 'none', sort: c.flags.length, node: flagList(c) },
  ]);
  const table = dataTable(
    {
      caption: 'Clients in an open episode (select a heading to sort)',
      columns: [
        { label: 'Client' },
        { label: 'Mode' },
        { label: 'Episode start' },
        { label: 'Last attended' },
        { label: 'Attendance', numeric: true },
        { label: 'Open goals', numeric: true },
        { label: 'GAS T', numeric: true },
        { label: 'Latest SRS', numeric: true },
        { label: 'Flags and why' },
      ],
      rows,
    },
    { sortable: true },
  );
  return h('section', { class: 'card wide', id: 'caseload' }, h('div', { class: 'table-scroll' }, table), csvButton(table, 'caseload.csv'));
}
