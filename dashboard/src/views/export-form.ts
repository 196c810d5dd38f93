// The form that requests a research export: purpose, protocol reference, profile (each explained
// in a line), format, and optionally clinics and a date range. Mistakes are shown beside their
// field and the first one takes the focus; the API's own problems are shown under the form.
import { type ExportRequest, type ExportView, requestExport } from '../api/exports-api.js';
import { type ExportFormFields, exportRequestOf, type FormErrors, formatLabels, profileChoices, purposeLabels } from '../format/exports.js';
import { h, mount } from '../ui/dom.js';
import { errorState } from '../ui/states.js';

type Field = keyof ExportFormFields;

const errorId = (field: Field) => `export-${field}-error`;
const hintId = (field: Field) => `export-${field}-hint`;
const fieldError = (field: Field) => h('p', { class: 'field-error', id: errorId(field) });

const labelled = (field: Field, label: string, control: HTMLElement, hint?: string) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: `export-${field}` }, label),
    hint ? h('p', { class: 'hint', id: hintId(field) }, hint) : null,
    control,
    fieldError(field),
  );

const describedBy = (field: Field, hint: boolean) => `${hint ? `${hintId(field)} ` : ''}${errorId(field)}`;

function choices(field: 'profile' | 'format', legend: string, options: [value: string, label: string, explanation?: string][]) {
  return h(
    'fieldset',
    { class: 'field choices', id: `export-${field}`, 'aria-describedby': errorId(field) },
    h('legend', {}, legend),
    ...options.map(([value, label, explanation], i) =>
      h(
        'div',
        { class: 'choice' },
        h('input', { type: 'radio', name: field, id: `export-${field}-${value}`, value, checked: i === 0, 'aria-describedby': explanation ? `export-${field}-${value}-explained` : null }),
        h('label', { for: `export-${field}-${value}` }, label),
        explanation ? h('p', { class: 'hint', id: `export-${field}-${value}-explained` }, explanation) : null,
      ),
    ),
    fieldError(field),
  );
}

export function exportForm(onRequested: (view: ExportView) => void): HTMLFormElement {
  const purpose = h(
    'select',
    { id: 'export-purpose', name: 'purpose', 'aria-describedby': describedBy('purpose', false) },
    ...Object.entries(purposeLabels).map(([value, label]) => h('option', { value }, label)),
  );
  const protocolRef = h('input', { type: 'text', id: 'export-protocolRef', name: 'protocolRef', autocomplete: 'off', 'aria-describedby': describedBy('protocolRef', true) });
  const clinics = h('input', { type: 'text', id: 'export-clinics', name: 'clinics', autocomplete: 'off', 'aria-describedby': describedBy('clinics', true) });
  const from = h('input', { type: 'date', id: 'export-from', name: 'from', 'aria-describedby': describedBy('from', false) });
  const to = h('input', { type: 'date', id: 'export-to', name: 'to', 'aria-describedby': describedBy('to', false) });
  const submit = h('button', { type: 'submit' }, 'Request export');
  const status = h('div', { class: 'form-status', role: 'status' });
  const form = h(
    'form',
    { class: 'export-form', 'aria-labelledby': 'export-form-title', novalidate: true },
    h('h4', { id: 'export-form-title' }, 'Request an export'),
    h(
      'div',
      { class: 'export-fields' },
      labelled('purpose', 'Purpose', purpose),
      labelled('protocolRef', 'Protocol reference', protocolRef, 'The IRB or data-use agreement number, e.g. IRB-2026-0042.'),
      choices(
        'profile',
        'Profile',
        Object.entries(profileChoices).map(([value, c]) => [value, c.label, c.explanation]),
      ),
      choices(
        'format',
        'File format',
        Object.entries(formatLabels).map(([value, label]) => [value, label]),
      ),
      labelled('clinics', 'Clinics (optional)', clinics, 'Clinic ids separated by commas; empty for every clinic with research consent.'),
      h('div', { class: 'field date-range' }, labelled('from', 'Clients starting from (optional)', from), labelled('to', 'up to (optional)', to)),
    ),
    h('div', { class: 'actions' }, submit),
    status,
  );

  const showErrors = (errors: FormErrors) => {
    for (const field of ['purpose', 'protocolRef', 'profile', 'format', 'clinics', 'from', 'to'] as const) {
      const message = errors[field];
      form.querySelector(`#${errorId(field)}`)!.textContent = message ?? '';
      const control = form.querySelector<HTMLElement>(`#export-${field}`)!;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first?.tagName === 'FIELDSET' ? first.querySelector<HTMLElement>('input') : first)?.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(status);
    const data = new FormData(form);
    const value = (field: Field) => String(data.get(field) ?? '');
    const checked = exportRequestOf({
      purpose: value('purpose'),
      protocolRef: value('protocolRef'),
      profile: value('profile'),
      format: value('format'),
      clinics: value('clinics'),
      from: value('from'),
      to: value('to'),
    });
    showErrors('errors' in checked ? checked.errors : {});
    if ('errors' in checked) return;
    await send(checked.request);
  });

  async function send(request: ExportRequest) {
    submit.disabled = true;
    try {
      const view = await requestExport(request);
      mount(status, 'Export requested: it is listed below and updates as it runs.');
      onRequested(view);
    } catch (error) {
      mount(status, errorState(error, 'the export', 'request'));
    } finally {
      submit.disabled = false;
    }
  }
  return form;
}
