import { describe, expect, it } from 'vitest';
import { caseload } from '../../functions/metrics/caseload.js';
import { AS_OF, clinic } from './clinic-fixture.js';

describe('caseload', () => {
  const view = caseload(clinic, AS_OF, 'UTC');

  it('lists clients in an open episode, flagged first, each flag with its reason', () => {
    expect(view.rows.map((r) => r.clientId)).toEqual(['cy', 'ana', 'dee']);
    expect(view.rows[0]).toMatchObject({
      clientId: 'cy',
      counselorId: 'c2',
      mode: 'directive',
      openGoals: 1,
      flags: [{ flag: 'stalled_goal', reason: 'goal c2: no review since 2025-03-01' }],
    });
    expect(view.rows[1]).toMatchObject({ clientId: 'ana', gasTScore: 60, srsLatest: 38, attendanceRate: 1, flags: [] });
  });

  it('trends cover the last 26 ISO weeks ending with the as-of week', () => {
    expect(view.weeklyTrends).toHaveLength(26);
    expect(view.weeklyTrends[0]!.period).toBe('2024-W49');
    expect(view.weeklyTrends.at(-1)!.period).toBe('2025-W22'); // Sunday 1 June 2025
    expect(view.weeklyTrends.find((w) => w.period === '2025-W20')).toMatchObject({
      activeClients: 1,
      attended: 1,
      goalsSet: { collaborative: 1, directive: 1 },
    });
    expect(view.weeklyTrends.reduce((n, w) => n + w.attended, 0)).toBe(9);
  });

  it('counts weeks in the clinic zone: Sunday 23:30 UTC is already Monday in Tokyo', () => {
    const tokyo = caseload([], '2025-06-01T23:30:00Z', 'Asia/Tokyo');
    expect(tokyo.weeklyTrends.at(-1)!.period).toBe('2025-W23');
  });
});
