// The admin's page: clinics (create, time zone, research consent), ingest keys (create with the
// secret shown once, list and revoke), the aggregation (run now, polled until done; the last run;
// stale and failing clinics first) and the audit log by day, a page at a time. Three API calls on
// first load.
import {
  type AggregationRun,
  type AggregationOverview,
  type AuditPage,
  type Clinic,
  aggregationOverview,
  auditDay,
  createIngestKey,
  listClinics,
  listIngestKeys,
  revokeIngestKey,
  runAggregation,
  saveClinic,
} from '../api/admin-api.js';
import { count, dateTime } from '../format/numbers.js';
import type { Route } from '../router.js';
import { h, mount } from '../ui/dom.js';
import { emptyState, errorState, loadingCards } from '../ui/states.js';
import { type Cell, csvButton, dataTable } from '../ui/table.js';

export async function renderAdmin(main: HTMLElement, route: Route) {
  const day = route.params.get('day') ?? new Date().toISOString().slice(0, 10);
  const clinicsCard = h('section', { class: 'card wide', id: 'clinics', 'aria-labelledby': 'clinics-title' }, loadingCards(1, 'table'));
  const aggregationCard = h('section', { class: 'card', id: 'aggregation', 'aria-labelledby': 'aggregation-title' }, loadingCards(1, 'table'));
  const keysCard = h('section', { class: 'card', id: 'ingest-keys', 'aria-labelledby': 'keys-title' }, h('h3', { id: 'keys-title' }, 'Ingest keys'), h('p', {}, 'Choose a clinic above to manage its keys.'));
  const auditCard = h('section', { class: 'card wide', id: 'audit', 'aria-labelledby': 'audit-title' }, loadingCards(1, 'table'));
  mount(main, h('h2', {}, 'Administration'), clinicsCard, h('div', { class: 'grid' }, keysCard, aggregationCard), auditCard);
  const showKeys = (clinicId: string) => void renderKeys(keysCard, clinicId);
  await Promise.all([renderClinics(clinicsCard, showKeys), renderAggregation(aggregationCard), renderAudit(auditCard, route, day)]);
}

async function renderClinics(card: HTMLElement, showKeys: (clinicId: string) => void) {
  const title = h('h3', { id: 'clinics-title' }, 'Clinics');
  let clinics: Clinic[];
  try {
    clinics = await listClinics();
  } catch (error) {
    return mount(card, title, errorState(error, 'the clinics'));
  }
  const status = h('p', { role: 'status', class: 'form-status' });
  const rows = clinics.map((clinic) => {
    const zone = h('input', { type: 'text', value: clinic.timeZone, 'aria-label': `Time zone of ${clinic.clinicId}`, size: 22 });
    const consent = h('input', { type: 'checkbox', checked: clinic.researchConsent, 'aria-label': `Research consent of ${clinic.clinicId}` });
    const save = async () => {
      try {
        await saveClinic(clinic.clinicId, { timeZone: zone.value.trim(), researchConsent: consent.checked });
        status.textContent = `Saved ${clinic.clinicId}.`;
      } catch (error) {
        mount(status, errorState(error, `the settings of ${clinic.clinicId}`));
      }
    };
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, clinic.clinicId),
      h('td', {}, zone),
      h('td', {}, consent),
      h('td', {}, dateTime(clinic.updatedAt)),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', onclick: save }, 'Save'),
        h('button', { type: 'button', class: 'secondary', onclick: () => showKeys(clinic.clinicId) }, 'Ingest keys'),
      ),
    );
  });
  const table = h(
    'table',
    { class: 'data' },
    h('caption', {}, `${clinics.length} clinics`),
    h('thead', {}, h('tr', {}, ...['Clinic', 'Time zone (IANA)', 'Research consent', 'Updated', 'Actions'].map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, ...rows),
  );
  mount(card, title, h('div', { class: 'table-scroll' }, table), status, newClinicForm(card, showKeys));
}

function newClinicForm(card: HTMLElement, showKeys: (clinicId: string) => void) {
  const clinicId = h('input', { type: 'text', id: 'new-clinic-id', required: true, pattern: '[A-Za-z0-9._:\\-]{1,64}' });
  const zone = h('input', { type: 'text', id: 'new-clinic-zone', value: 'UTC', required: true });
  const consent = h('input', { type: 'checkbox', id: 'new-clinic-consent' });
  const status = h('p', { role: 'status', class: 'form-status' });
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'New clinic' },
    h('label', { for: 'new-clinic-id' }, 'New clinic id '),
    clinicId,
    h('label', { for: 'new-clinic-zone' }, ' time zone '),
    zone,
    h('label', { for: 'new-clinic-consent' }, ' research consent '),
    consent,
    h('button', { type: 'submit' }, 'Create'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await saveClinic(clinicId.value.trim(), { timeZone: zone.value.trim(), researchConsent: consent.checked });
      await renderClinics(card, showKeys);
    } catch (error) {
      mount(status, errorState(error, 'the new clinic'));
    }
  });
  return form;
}

async function renderKeys(card: HTMLElement, clinicId: string) {
  const title = h('h3', { id: 'keys-title' }, `Ingest keys of ${clinicId}`);
  const secretBox = h('div', { class: 'secret', role: 'status' });
  const create = async () => {
    try {
      const key = await createIngestKey(clinicId);
      mount(
        secretBox,
        h('p', {}, h('strong', {}, 'Copy this key now: it is shown only once. '), `Key ${key.keyId}, created ${dateTime(key.createdAt)}.`),
        h('code', { class: 'secret-value' }, key.secret),
      );
      await list();
    } catch (error) {
      mount(secretBox, errorState(error, 'a new key'));
    }
  };
  const listBox = h('div', {});
  const list = async () => {
    try {
      const keys = await listIngestKeys(clinicId);
      if (keys.length === 0) return mount(listBox, emptyState('No keys yet.'));
      mount(
        listBox,
        h(
          'ul',
          { class: 'keys' },
          ...keys.map((k) =>
            h(
              'li',
              {},
              `${k.keyId} · created ${dateTime(k.createdAt)}${k.revokedAt ? ` · revoked ${dateTime(k.revokedAt)}` : ''} `,
              k.revokedAt
                ? null
                : h('button', {
                    type: 'button',
                    class: 'danger',
                    onclick: async () => {
                      if (!confirm(`Revoke key ${k.keyId}? The clinic's system stops being able to send events with it.`)) return;
                      await revokeIngestKey(clinicId, k.keyId).then(list, (error) => mount(listBox, errorState(error, 'the revocation')));
                    },
                  }, 'Revoke'),
            ),
          ),
        ),
      );
    } catch (error) {
      mount(listBox, errorState(error, 'the keys'));
    }
  };
  mount(card, title, h('button', { type: 'button', onclick: create }, 'Create a key'), secretBox, listBox);
  await list();
}

function reportLines(run: AggregationRun) {
  if (run.status === 'failed') return [h('p', { class: 'state state-error' }, `Run ${run.runId} failed: ${run.error ?? 'no reason given'}`)];
  if (!run.report) return [h('p', { role: 'status' }, `Run ${run.runId}: ${run.status}…`)];
  const r = run.report;
  return [
    h(
      'dl',
      { class: 'report' },
      ...[
        ['Status', run.status],
        ['Kind', r.full ? 'full' : 'incremental'],
        ['Figures as of', dateTime(r.asOf)],
        ['Clinics with work', count(r.clinics)],
        ['Clinics run', count(r.clinicsRun)],
        ['Clinics failed', count(r.clinicsFailed)],
        ['Clinics busy elsewhere', count(r.clinicsBusy)],
        ['Events read', count(r.eventsRead)],
        ['Clients re-derived', count(r.clientsDerived)],
        ['Items written', count(r.itemsWritten)],
        ['Finished', r.completedAt ? dateTime(r.completedAt) : '—'],
      ].flatMap(([term, value]) => [h('dt', {}, term!), h('dd', {}, value!)]),
    ),
  ];
}

const FRESHNESS_ORDER = { failing: 0, stale: 1, fresh: 2 } as const;

/** Every clinic's freshness, failing and stale first; the heading says how many need a look. */
function freshnessTable(clinics: AggregationOverview['clinics']) {
  const behind = clinics.filter((c) => c.status !== 'fresh');
  const failing = behind.filter((c) => c.status === 'failing').length;
  const summary =
    behind.length === 0
      ? h('p', {}, `All ${count(clinics.length)} clinics are up to date.`)
      : h('p', { class: 'state state-error', id: 'clinics-behind' }, `${count(failing)} failing, ${count(behind.length - failing)} stale of ${count(clinics.length)} clinics.`);
  const table = dataTable({
    caption: 'Freshness by clinic (failing and stale first)',
    columns: [{ label: 'Clinic' }, { label: 'Status' }, { label: 'Figures as of' }, { label: 'Last error' }],
    rows: [...clinics]
      .sort((x, y) => FRESHNESS_ORDER[x.status] - FRESHNESS_ORDER[y.status] || x.clinicId.localeCompare(y.clinicId))
      .map((c): Cell[] => [c.clinicId, c.status, c.asOf ? dateTime(c.asOf) : 'never', c.error ?? '']),
  });
  return h('div', { id: 'freshness' }, summary, h('div', { class: 'table-scroll' }, table));
}

async function renderAggregation(card: HTMLElement) {
  const title = h('h3', { id: 'aggregation-title' }, 'Aggregation');
  const reportBox = h('div', { class: 'report-box' });
  const freshnessBox = h('div', {});
  const showOverview = async () => {
    try {
      const { lastRun, clinics } = await aggregationOverview();
      mount(reportBox, ...(lastRun ? [h('p', {}, 'Last run:'), ...reportLines(lastRun)] : [h('p', { class: 'muted' }, 'No run yet.')]));
      mount(freshnessBox, freshnessTable(clinics));
    } catch (error) {
      mount(reportBox, errorState(error, 'the aggregation status'));
    }
  };
  const run = h('button', { type: 'button' }, 'Run the aggregation now');
  run.addEventListener('click', async () => {
    run.disabled = true;
    mount(reportBox, h('p', { role: 'status' }, 'Starting…'));
    try {
      const outcome = await runAggregation((progress) => mount(reportBox, ...reportLines(progress)));
      mount(reportBox, h('p', { role: 'status' }, 'Last run (just now):'), ...reportLines(outcome));
      await showOverviewFreshness();
    } catch (error) {
      mount(reportBox, errorState(error, 'the aggregation run'));
    } finally {
      run.disabled = false;
    }
  });
  // After a run, only the freshness is read again: the report above is the run's own.
  const showOverviewFreshness = async () => {
    try {
      mount(freshnessBox, freshnessTable((await aggregationOverview()).clinics));
    } catch (error) {
      mount(freshnessBox, errorState(error, 'the clinics’ freshness'));
    }
  };
  await showOverview();
  mount(card, title, run, reportBox, freshnessBox);
}

async function renderAudit(card: HTMLElement, route: Route, day: string) {
  const title = h('h3', { id: 'audit-title' }, 'Audit log');
  const picker = h('input', { type: 'date', id: 'audit-day', value: day, max: new Date().toISOString().slice(0, 10) });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Audit day' }, h('label', { for: 'audit-day' }, 'UTC day '), picker, h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    route.go({ day: picker.value });
  });
  const body = h('div', {});
  mount(card, title, form, body);
  const entries: AuditPage['entries'] = [];
  const load = async (cursor?: string) => {
    try {
      const page = await auditDay(day, cursor);
      entries.push(...page.entries);
      if (entries.length === 0) return mount(body, emptyState(`Nothing was logged on ${day}.`));
      const table = dataTable({
        caption: `${entries.length} entries on ${day} (UTC), oldest first`,
        columns: [{ label: 'When' }, { label: 'Who' }, { label: 'Role' }, { label: 'Action' }, { label: 'Scope' }, { label: 'Purpose' }, { label: 'Rows', numeric: true }],
        rows: entries.map((e): Cell[] => [dateTime(e.at), e.actor, e.role, e.action, e.scope.join(', '), e.purpose ?? '', e.rows === undefined ? '' : count(e.rows)]),
      });
      const next = page.nextCursor;
      const more = next ? h('button', { type: 'button', class: 'secondary', onclick: () => void load(next) }, 'Load more') : null;
      mount(body, h('div', { class: 'table-scroll' }, table), csvButton(table, `audit-${day}.csv`), more);
    } catch (error) {
      mount(body, errorState(error, 'the audit log'));
    }
  };
  await load();
}
