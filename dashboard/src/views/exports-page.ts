// The researcher's exports (issue 10 §7): the request form, then the researcher's own exports,
// newest first. A running export shows a progress bar that follows GET /v1/exports/{id}, polled
// on a growing interval until it is complete or failed, or the page is left. A complete one shows
// its manifest summary and a download button for each file, the codebook, README and manifest.
import { type ExportView, fetchExportFile, getExport, listExports } from '../api/exports-api.js';
import { watch } from '../api/watch.js';
import { fileSize, formatLabels, manifestSummary, pollDelayMs, profileChoices, purposeLabels, statusText } from '../format/exports.js';
import { count, dateTime } from '../format/numbers.js';
import { h, mount } from '../ui/dom.js';
import { saveBlob, saveLink } from '../ui/save-file.js';
import { emptyState, errorState, loadingCards } from '../ui/states.js';
import { exportForm } from './export-form.js';

const MANIFEST = 'manifest.json';

/**
 * The exports section of the researcher's page, once the list has loaded. Call `follow()` when it
 * is on the page: the running exports are watched while they stay there.
 */
export async function exportsSection(): Promise<{ section: HTMLElement; follow: () => void }> {
  const list = h('ol', { class: 'exports-list', 'aria-labelledby': 'exports-list-title' });
  const listBox = h('div', { class: 'exports-box' }, loadingCards(1, 'table'));
  const section = h(
    'section',
    { class: 'card wide', id: 'exports', 'aria-labelledby': 'exports-title' },
    h('h3', { id: 'exports-title' }, 'De-identified exports'),
    exportForm((view) => {
      if (!list.isConnected) mount(listBox, list);
      const item = exportItem(view);
      list.prepend(item);
      item.querySelector<HTMLElement>('h5')!.focus();
      follow(item, view);
    }),
    h('h4', { id: 'exports-list-title' }, 'Your exports'),
    listBox,
  );
  let shown: ExportView[] = [];
  try {
    shown = await listExports();
    if (shown.length === 0) mount(listBox, emptyState('No exports yet. Request one above; it appears here while it runs.'));
    else mount(listBox, list);
    list.append(...shown.map(exportItem));
  } catch (error) {
    mount(listBox, errorState(error, 'your exports'));
  }
  const follows = () => {
    for (const [i, view] of shown.entries()) follow(list.children[i] as HTMLElement, view);
  };
  return { section, follow: follows };
}

// The title stays while the rest follows the export, so focus on it survives each update.
function exportItem(view: ExportView): HTMLLIElement {
  const { parameters } = view;
  const title = h(
    'h5',
    { id: `export-${view.exportId}-title`, tabindex: '-1' },
    `${profileChoices[parameters.profile].label}, ${formatLabels[parameters.format]} · requested ${dateTime(view.createdAt)}`,
  );
  return h(
    'li',
    { class: 'export', 'aria-labelledby': title.id },
    title,
    h('div', { class: 'export-body' }, ...exportContent(view)),
    // Says when the export settles, not every step of the bar.
    h('p', { class: 'visually-hidden export-announcer', role: 'status' }),
  );
}

/** Follows a running export on the page until it settles or its item leaves the page. */
function follow(item: HTMLElement, view: ExportView): void {
  if (view.status !== 'running') return;
  watch(() => getExport(view.exportId), {
    settled: (reading) => reading.status !== 'running',
    onReading: (reading) => {
      mount(item.querySelector('.export-body')!, ...exportContent(reading));
      if (reading.status !== 'running') item.querySelector('.export-announcer')!.textContent = `Export ${statusText(reading).toLowerCase()}.`;
    },
    stopped: () => !item.isConnected,
    delayMs: pollDelayMs,
  }).catch((error: unknown) => item.append(errorState(error, 'the progress of this export', 'follow')));
}

function exportContent(view: ExportView): (Node | string)[] {
  const { parameters } = view;
  const facts = h(
    'p',
    { class: 'muted' },
    `${purposeLabels[parameters.purpose as keyof typeof purposeLabels] ?? parameters.purpose} · protocol ${parameters.protocolRef} · ${count(view.clinics)} consenting clinics`,
    parameters.from || parameters.to ? ` · clients starting ${parameters.from ?? '…'} to ${parameters.to ?? '…'}` : '',
  );
  const status = h('p', { class: `export-status status-${view.status}` }, h('strong', {}, statusText(view)));
  if (view.status === 'failed') return [facts, status, h('p', { class: 'state state-error' }, view.error ?? 'The export failed; request it again.')];
  const bar = h('progress', { max: 100, value: view.progress, 'aria-label': `Progress of the export requested ${dateTime(view.createdAt)}` });
  if (view.status === 'running' || !view.summary) return [facts, status, bar];
  return [facts, status, summaryOf(view.summary), filesOf(view)];
}

function summaryOf(summary: NonNullable<ExportView['summary']>) {
  const { rows, protections } = manifestSummary(summary);
  return h(
    'div',
    { class: 'export-summary' },
    h(
      'table',
      { class: 'data' },
      h('caption', {}, 'Rows per table'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Table'), h('th', { scope: 'col', class: 'num' }, 'Rows'))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.table), h('td', { class: 'num' }, r.rows)))),
    ),
    h('div', {}, h('p', { class: 'summary-title' }, 'Generalised and suppressed'), h('ul', { class: 'protections' }, ...protections.map((p) => h('li', {}, p)))),
  );
}

/** Download buttons: from the manifest when this view carries it, else loaded on request (one call per export, not per page load). */
function filesOf(view: ExportView) {
  const box = h('div', { class: 'export-files' });
  if (view.manifest) {
    mount(box, downloads(view));
    return box;
  }
  const load = async () => {
    try {
      mount(box, downloads(await getExport(view.exportId)));
      box.querySelector('button')?.focus();
    } catch (error) {
      mount(box, errorState(error, 'the files of this export'));
    }
  };
  mount(box, h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Show files to download'));
  return box;
}

function downloads(view: ExportView) {
  const files = [...(view.manifest?.files ?? []), { path: MANIFEST, bytes: null, rows: null }];
  const status = h('p', { class: 'form-status', role: 'status' });
  const save = async (path: string) => {
    mount(status, `Downloading ${path}…`);
    try {
      const file = await fetchExportFile(view.exportId, path);
      const name = path.split('/').at(-1)!;
      if ('link' in file) saveLink(file.link, name);
      else saveBlob(file.blob, name);
      mount(status, `Downloaded ${path}.`);
    } catch (error) {
      mount(status, errorState(error, path, 'download'));
    }
  };
  return h(
    'div',
    {},
    view.manifest?.filesOmitted
      ? h('p', { class: 'muted' }, `${count(view.manifest.filesOmitted)} files: too many to list here; manifest.json lists them all.`)
      : null,
    h(
      'ul',
      { class: 'downloads', 'aria-label': 'Files of this export' },
      ...files.map((f) =>
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'secondary', 'data-file': f.path, onclick: () => void save(f.path) }, `Download ${f.path}`),
          f.bytes === null ? ' the manifest: parameters, counts and every file’s SHA-256' : ` ${fileSize(f.bytes)}${f.rows ? ` · ${count(f.rows)} rows` : ''}`,
        ),
      ),
    ),
    status,
  );
}
