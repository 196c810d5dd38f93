// Collects one client's events as they are simulated, then numbers them in time order.
// Event ids are the client id plus a sequence number: deterministic, unique within the clinic.
import type { EventInput } from '../events/schema.js';
import type { ClinicClock } from './clinic-clock.js';

type WithoutEnvelope<E> = E extends unknown ? Omit<E, 'id' | 'clinicId' | 'clientId' | 'counselorId' | 'occurredAt'> : never;
/** An event's own fields; the writer supplies the id, clinic, client, counselor and time. */
export type EventBody = WithoutEnvelope<EventInput>;

/** How a goal.set reaches the platform: SPEC §2 accepts reviews before (or without) their goal. */
export type Delivery = 'on_time' | 'late' | 'never';

interface Pending {
  ms: number;
  counselorId: string;
  body: EventBody;
  late: boolean;
}

export interface ClientEvents {
  events: EventInput[];
  /** Events the clinic's system sends only after everything else (e.g. a goal.set entered late). */
  late: EventInput[];
}

export class StoryWriter {
  counselorId = '';
  private readonly pending: Pending[] = [];
  private sessions = 0;
  private goals = 0;

  constructor(
    readonly clinicId: string,
    readonly clientId: string,
    private readonly clock: ClinicClock,
    private readonly asOfMs: number,
  ) {}

  nextSessionId(): string {
    return `${this.clientId}.s${++this.sessions}`;
  }

  nextGoalId(): string {
    return `${this.clientId}.g${++this.goals}`;
  }

  /** Records an event; anything that would happen after as-of has not happened yet and is dropped. */
  add(ms: number, body: EventBody, delivery: Delivery = 'on_time'): void {
    if (ms > this.asOfMs || delivery === 'never') return;
    this.pending.push({ ms, counselorId: this.counselorId, body, late: delivery === 'late' });
  }

  finish(): ClientEvents {
    // Stable sort: events of the same instant keep the order they were simulated in.
    this.pending.sort((a, b) => a.ms - b.ms);
    const result: ClientEvents = { events: [], late: [] };
    this.pending.forEach((p, i) => {
      // The envelope's keys first, in one fixed order, so the NDJSON reads the same everywhere.
      const envelope = {
        id: `${this.clientId}.e${i + 1}`,
        type: p.body.type,
        clinicId: this.clinicId,
        clientId: this.clientId,
        counselorId: p.counselorId,
        occurredAt: this.clock.format(p.ms),
      };
      const event = Object.assign(envelope, p.body) as EventInput;
      (p.late ? result.late : result.events).push(event);
    });
    return result;
  }
}
