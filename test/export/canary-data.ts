// Canary data: identifiers that cannot occur by chance, events at exact, distinctive instants, and a
// client born in 1920. If any of it shows up in an export file, something leaked.
import type { EventInput } from '../../functions/events/schema.js';

export const CANARY_CLINIC = 'zqx-canary-clinic-7731';
export const CANARY_BIRTH_YEAR = 1920;
export const CANARY_CLIENTS = 26;

const client = (i: number) => `zqx-canary-client-${String(i).padStart(3, '0')}`;
const counselor = (i: number) => `zqx-canary-counselor-${i % 3}`;

/** Instants in March–September 2025, each at a distinctive minute and second. */
const at = (day: number, i: number) => {
  const date = new Date(Date.UTC(2025, 2, 3 + day, 14, 17 + (i % 40), 29));
  return `${date.toISOString().slice(0, 19)}-05:00`;
};

export function canaryEvents(clinicId = CANARY_CLINIC): { events: EventInput[]; ids: string[]; instants: string[] } {
  const events: EventInput[] = [];
  for (let i = 0; i < CANARY_CLIENTS; i++) {
    const base = { clinicId, clientId: client(i), counselorId: counselor(i) };
    const id = (what: string) => `zqx-evt-${i}-${what}`;
    // Client 0 is the one born in 1920; the rest are 40–47 at their start, so their class is large.
    const birthYear = i === 0 ? CANARY_BIRTH_YEAR : 1978 + (i % 8);
    events.push(
      { ...base, id: id('enr'), occurredAt: at(i, i), type: 'client.enrolled', birthYear, gender: 'female', primarySubstance: 'alcohol', referral: 'self' },
      { ...base, id: id('s1'), occurredAt: at(i + 1, i), type: 'session.recorded', sessionId: `zqx-session-${i}-1`, status: 'attended', modality: 'individual' },
      { ...base, id: id('g1'), occurredAt: at(i + 1, i), type: 'goal.set', goalId: `zqx-goal-${i}`, mode: i % 2 ? 'collaborative' : 'directive', domain: 'substance_use', weight: 2 },
      { ...base, id: id('s2'), occurredAt: at(i + 40, i), type: 'session.recorded', sessionId: `zqx-session-${i}-2`, status: i % 3 ? 'attended' : 'no_show' },
      { ...base, id: id('rev'), occurredAt: at(i + 40, i), type: 'goal.reviewed', goalId: `zqx-goal-${i}`, level: 1 },
      { ...base, id: id('ors1'), occurredAt: at(i + 1, i), type: 'measure.recorded', instrument: 'ORS', items: [4.1, 5.2, 6.3, 3.4] },
      { ...base, id: id('ors2'), occurredAt: at(i + 95, i), type: 'measure.recorded', instrument: 'ORS', items: [7.1, 8.2, 6.3, 7.4] },
      { ...base, id: id('wai'), occurredAt: at(i + 20, i), type: 'measure.recorded', instrument: 'WAI-SR', items: [4, 4, 5, 3, 4, 4, 5, 3, 4, 4, 5, 3] },
      { ...base, id: id('s3'), occurredAt: at(i + 100, i), type: 'session.recorded', sessionId: `zqx-session-${i}-3`, status: 'attended', modality: 'telehealth' },
      { ...base, id: id('clo'), occurredAt: at(i + 100, i), type: 'goal.closed', goalId: `zqx-goal-${i}`, outcome: i % 4 ? 'achieved' : 'not_achieved', level: 2 },
    );
    if (i % 5 === 0) events.push({ ...base, id: id('dis'), occurredAt: at(i + 120, i), type: 'client.discharged', reason: 'completed' });
  }
  const ids = [clinicId, ...new Set(events.flatMap((e) => [e.id, e.clientId, e.counselorId, ...('sessionId' in e ? [e.sessionId] : []), ...('goalId' in e ? [e.goalId] : [])]))];
  return { events, ids, instants: events.map((e) => e.occurredAt) };
}
