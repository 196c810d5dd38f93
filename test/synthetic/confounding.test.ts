// The demo must show SPEC §5's warning: pooled (crude) collaborative-vs-directive odds ratios of
// goal attainment differ from clinic-stratified (Mantel–Haenszel) ones. Counted here directly
// from the events, independent of the platform's metrics code.
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../functions/events/schema.js';
import { generateNetwork } from '../../functions/synthetic/index.js';
import { demoNetwork } from './demo-network.js';

/** a = collaborative achieved, b = collaborative not, c = directive achieved, d = directive not. */
interface Table { a: number; b: number; c: number; d: number }

function attainmentByClinic(events: EventInput[]): Map<string, Table> {
  const modeOfGoal = new Map<string, string>();
  for (const e of events) if (e.type === 'goal.set') modeOfGoal.set(`${e.clinicId}/${e.goalId}`, e.mode);
  const tables = new Map<string, Table>();
  for (const e of events) {
    if (e.type !== 'goal.closed') continue;
    const mode = modeOfGoal.get(`${e.clinicId}/${e.goalId}`);
    if (mode === undefined) continue; // a goal never set: a data-quality count, not a comparison
    const t = tables.get(e.clinicId) ?? { a: 0, b: 0, c: 0, d: 0 };
    const achieved = e.outcome === 'achieved';
    if (mode === 'collaborative') achieved ? t.a++ : t.b++;
    else achieved ? t.c++ : t.d++;
    tables.set(e.clinicId, t);
  }
  return tables;
}

function oddsRatios(tables: Table[]) {
  const pooled = tables.reduce((s, t) => ({ a: s.a + t.a, b: s.b + t.b, c: s.c + t.c, d: s.d + t.d }));
  let r = 0;
  let s = 0;
  for (const t of tables) {
    const n = t.a + t.b + t.c + t.d;
    r += (t.a * t.d) / n;
    s += (t.b * t.c) / n;
  }
  return { crude: (pooled.a * pooled.d) / (pooled.b * pooled.c), mantelHaenszel: r / s };
}

const rate = (achieved: number, notAchieved: number) => achieved / (achieved + notAchieved);

describe.each([
  { name: 'default demo (600 clients, seed 1)', events: demoNetwork.events, margin: 1.3 },
  { name: '5000 clients, seed 7', events: generateNetwork({ clients: 5000, seed: 7, asOf: '2025-06-30T00:00:00Z' }).events, margin: 1.3 },
])('goal attainment by mode, $name', ({ events, margin }) => {
  const tables = attainmentByClinic(events);

  it('favours collaborative goals within every clinic', () => {
    expect(tables.size).toBeGreaterThanOrEqual(3);
    for (const [clinicId, t] of tables) {
      expect(rate(t.a, t.b), clinicId).toBeGreaterThanOrEqual(rate(t.c, t.d));
    }
  });

  it('shows a crude odds ratio clearly below the clinic-stratified one (confounding by case mix)', () => {
    const { crude, mantelHaenszel } = oddsRatios([...tables.values()]);
    expect(mantelHaenszel).toBeGreaterThan(1.5);
    expect(mantelHaenszel / crude).toBeGreaterThan(margin);
  });

  it('has the clinic with the lowest directive attainment set collaborative goals most often', () => {
    const clinics = [...tables.entries()].map(([clinicId, t]) => ({
      clinicId,
      directiveAttainment: rate(t.c, t.d),
      collaborativeShare: (t.a + t.b) / (t.a + t.b + t.c + t.d),
    }));
    const hardest = clinics.reduce((x, y) => (y.directiveAttainment < x.directiveAttainment ? y : x));
    const mostCollaborative = clinics.reduce((x, y) => (y.collaborativeShare > x.collaborativeShare ? y : x));
    expect(hardest.clinicId).toBe(mostCollaborative.clinicId);
  });
});

describe('engagement by client goal-setting mode (default demo)', () => {
  it('gives collaborative clients modestly higher attendance and alliance than directive ones', () => {
    const clients = new Map<string, { modes: Set<string>; attended: number; noShows: number; wai: number[] }>();
    for (const e of demoNetwork.events) {
      const c = clients.get(e.clientId) ?? { modes: new Set(), attended: 0, noShows: 0, wai: [] };
      clients.set(e.clientId, c);
      if (e.type === 'goal.set') c.modes.add(e.mode);
      if (e.type === 'session.recorded' && e.status === 'attended') c.attended++;
      if (e.type === 'session.recorded' && e.status === 'no_show') c.noShows++;
      if (e.type === 'measure.recorded' && e.instrument === 'WAI-SR') c.wai.push(e.items.reduce((x, y) => x + y, 0));
    }
    const group = (mode: string) => {
      const members = [...clients.values()].filter((c) => c.modes.size === 1 && c.modes.has(mode));
      const attended = members.reduce((s, c) => s + c.attended, 0);
      const noShows = members.reduce((s, c) => s + c.noShows, 0);
      const wai = members.flatMap((c) => c.wai.slice(0, 1));
      return { attendance: attended / (attended + noShows), wai: wai.reduce((s, x) => s + x, 0) / wai.length };
    };
    const collaborative = group('collaborative');
    const directive = group('directive');
    expect(collaborative.attendance - directive.attendance).toBeGreaterThan(0.01);
    expect(collaborative.attendance - directive.attendance).toBeLessThan(0.15);
    expect(collaborative.wai).toBeGreaterThan(directive.wai);
  });
});
