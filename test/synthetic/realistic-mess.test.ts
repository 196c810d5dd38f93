// SPEC §2/§3 data-quality cases the platform must report rather than reject.
import { describe, expect, it } from 'vitest';
import { demoNetwork } from './demo-network.js';

const { events } = demoNetwork;

describe('realistic mess in the demo network', () => {
  it('has goal reviews that arrive before their goal.set, and some whose goal.set never comes', () => {
    const setAt = new Map<string, number>();
    for (const [i, e] of events.entries()) if (e.type === 'goal.set') setAt.set(`${e.clinicId}/${e.goalId}`, i);
    let before = 0;
    let never = 0;
    events.forEach((e, i) => {
      if (e.type !== 'goal.reviewed' && e.type !== 'goal.closed') return;
      const set = setAt.get(`${e.clinicId}/${e.goalId}`);
      if (set === undefined) never++;
      else if (set > i) before++;
    });
    expect(before).toBeGreaterThan(0);
    expect(never).toBeGreaterThan(0);
    expect(before + never).toBeLessThan(events.length * 0.01); // a few, not a flood
  });

  it('has clients with attended sessions but no goals', () => {
    const withGoals = new Set(events.filter((e) => e.type === 'goal.set').map((e) => e.clientId));
    const attending = new Set(
      events.filter((e) => e.type === 'session.recorded' && e.status === 'attended').map((e) => e.clientId),
    );
    const withoutGoals = [...attending].filter((c) => !withGoals.has(c));
    expect(withoutGoals.length).toBeGreaterThan(10);
  });

  it('has clients discharged and later re-enrolled', () => {
    const readmitted = new Set<string>();
    const discharged = new Set<string>();
    for (const e of events) {
      if (e.type === 'client.discharged') discharged.add(e.clientId);
      if (e.type === 'client.enrolled' && discharged.has(e.clientId)) readmitted.add(e.clientId);
    }
    expect(readmitted.size).toBeGreaterThan(5);
  });

  it('has clients whose record starts at a session, without an enrolment', () => {
    const enrolled = new Set(events.filter((e) => e.type === 'client.enrolled').map((e) => e.clientId));
    const clients = new Set(events.map((e) => e.clientId));
    expect(clients.size - enrolled.size).toBeGreaterThan(0);
  });

  it('keeps each client’s counselor within the client’s clinic', () => {
    for (const e of events) expect(e.counselorId.split('.')[0]).toBe(e.clinicId);
  });
});
