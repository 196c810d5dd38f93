// Data tables: the accessible alternative of every chart, and the sortable tables of the views.
// A cell shows text; numbers sort by value; a figure behind fewer than 11 clients, episodes or goals is
// flagged "low n".
import { h } from './dom.js';
import { downloadCsv, tableText } from './csv.js';

export type Cell = { text: string; sort?: number | string | null; lowN?: boolean; node?: Node } | string;
type Column = { label: string; numeric?: boolean };
export type TableModel = { caption: string; columns: Column[]; rows: Cell[][] };

const cellOf = (cell: Cell) => (typeof cell === 'string' ? { text: cell } : cell);

export const lowNBadge = () => h('span', { class: 'low-n', title: 'Fewer than 11 clients, episodes or goals behind this figure' }, 'low n');

function renderCell(cell: Cell, column: Column, header: boolean) {
  const c = cellOf(cell);
  const content = [c.node ?? c.text, c.lowN ? ' ' : null, c.lowN ? lowNBadge() : null];
  const attributes = { class: column.numeric ? 'num' : null, 'data-sort': c.sort ?? null };
  return header ? h('th', { ...attributes, scope: 'row' }, ...content) : h('td', attributes, ...content);
}

export function dataTable(model: TableModel, options: { sortable?: boolean; rowHeaders?: boolean } = {}): HTMLTableElement {
  const body = h('tbody');
  const fill = (rows: Cell[][]) =>
    body.replaceChildren(...rows.map((row) => h('tr', {}, ...row.map((cell, i) => renderCell(cell, model.columns[i]!, i === 0 && options.rowHeaders !== false)))));
  fill(model.rows);
  const headers = model.columns.map((column, index) => {
    const th = h('th', { scope: 'col', class: column.numeric ? 'num' : null });
    if (!options.sortable) {
      th.textContent = column.label;
      return th;
    }
    const button = h('button', { type: 'button', class: 'sort' }, column.label);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      fill(sortRows(model.rows, index, ascending));
    });
    th.append(button);
    return th;
  });
  return h('table', { class: 'data' }, h('caption', {}, model.caption), h('thead', {}, h('tr', {}, ...headers)), body);
}

function sortRows(rows: Cell[][], index: number, ascending: boolean): Cell[][] {
  const key = (row: Cell[]) => {
    const c = cellOf(row[index]!);
    return c.sort === undefined ? c.text : c.sort;
  };
  const direction = ascending ? 1 : -1;
  // Missing figures always sort last, whichever the direction.
  return [...rows].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return (a < b ? -1 : a > b ? 1 : 0) * direction;
  });
}

export const csvButton = (table: HTMLTableElement, fileName: string) =>
  h('button', { type: 'button', class: 'secondary', onclick: () => downloadCsv(fileName, tableText(table)) }, 'Download CSV');
