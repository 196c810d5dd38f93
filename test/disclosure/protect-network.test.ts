import { describe, expect, it } from 'vitest';
import { protectNetwork } from '../../functions/disclosure/index.js';
import { row, smallPublished, violations } from './network-fixtures.js';

const hiddenCount = (p: { hiddenCells: boolean[][]; hiddenTotals: boolean[] }) => p.hiddenCells.flat().filter(Boolean).length + p.hiddenTotals.filter(Boolean).length;

describe('protectNetwork', () => {
  it('publishes a table with no count of 1–10 whole, zeros included', async () => {
    const rows = [row('p', [20, 0, 30, 40]), row('q', [40, 20, 20, 12]), row('r', [15, 45, 20, 60], false)];
    const pattern = await protectNetwork(rows);
    expect(hiddenCount(pattern)).toBe(0);
    expect(pattern.networkPublished).toEqual({ all: true, research: true });
    expect(pattern.networkWithheld).toEqual({ all: null, research: null });
  });

  it('hides small cells with complements that survive every director and both populations', async () => {
    const rows = [
      row('p', [3, 30, 20, 60]),
      row('q', [40, 20, 20, 12]),
      row('r', [25, 25, 5, 30]),
      row('s', [30, 28, 26, 33], false),
      row('t', [12, 14, 16, 18], false),
      row('u', [35, 30, 25, 40], false),
      row('v', [15, 45, 20, 60]),
    ];
    const scopes = [['p', 'q']];
    const pattern = await protectNetwork(rows, { scopes });
    expect(pattern.hiddenCells[0]![0]).toBe(true);
    expect(pattern.hiddenCells[2]![2]).toBe(true);
    expect(smallPublished(rows, pattern)).toEqual([]);
    expect(await violations(rows, pattern, scopes)).toEqual([]);
    // Both network rows stay: the non-consenting clinics s, t, u protect each other among themselves.
    expect(pattern.networkPublished).toEqual({ all: true, research: true });
  });

  it('withholds the research network row when the one non-consenting clinic would be the difference', async () => {
    const rows = [row('p', [3, 30, 20, 60], false), row('q', [40, 20, 20, 12]), row('r', [25, 25, 15, 30]), row('v', [15, 45, 20, 60])];
    const pattern = await protectNetwork(rows);
    expect(pattern.networkPublished).toEqual({ all: true, research: false });
    expect(pattern.networkWithheld.research).toMatch(/subtracted from the all-clinics total/);
    expect(await violations(rows, pattern)).toEqual([]);
  });

  it('withholds both network rows when a director of the other clinic would solve for the small cell', async () => {
    // Two clinics: the network row minus the other clinic's row is this clinic's row.
    const rows = [row('p', [4, 30, 20, 60]), row('q', [40, 20, 20, 12])];
    const pattern = await protectNetwork(rows);
    expect(pattern.networkPublished).toEqual({ all: false, research: false });
    expect(pattern.networkWithheld.all).toMatch(/withheld/);
    expect(await violations(rows, pattern)).toEqual([]);
  });

  it('protects against a director who knows every clinic but one, by withholding what would reveal it', async () => {
    const rows = [row('p', [4, 30, 20, 60]), row('q', [40, 20, 20, 12]), row('r', [25, 25, 15, 30]), row('s', [30, 28, 26, 33])];
    const scopes = [['q', 'r', 's']];
    const pattern = await protectNetwork(rows, { scopes });
    expect(pattern.networkPublished.all).toBe(false);
    expect(await violations(rows, pattern, scopes)).toEqual([]);
    // Without that director the network row can be published.
    expect((await protectNetwork(rows)).networkPublished.all).toBe(true);
  });

  it('hides a clinic of 1–10 whole, total included, and protects the total too', async () => {
    const rows = [row('p', [2, 1, 0, 4]), row('q', [40, 20, 20, 12]), row('r', [25, 25, 15, 30]), row('s', [30, 28, 26, 33])];
    const pattern = await protectNetwork(rows);
    expect(pattern.hiddenTotals[0]).toBe(true);
    expect(pattern.hiddenCells[0]).toEqual([true, true, false, true]);
    expect(smallPublished(rows, pattern)).toEqual([]);
    expect(await violations(rows, pattern)).toEqual([]);
  });

  it('withholds a network row whose own total is 1–10', async () => {
    const rows = [row('p', [2, 30, 20, 60]), row('q', [3, 20, 20, 12]), row('r', [0, 25, 15, 30])];
    const pattern = await protectNetwork(rows);
    expect(pattern.networkWithheld.all).toMatch(/network total describes 1–10/);
    expect(smallPublished(rows, pattern)).toEqual([]);
    expect(await violations(rows, pattern)).toEqual([]);
  });
});
