// What a resource mapping is: a pure function from one parsed FHIR resource to at most one SPEC §2
// event body, the FHIR element each event field came from (so a contract violation names the
// element), and information notes for the response's OperationOutcome.
import type { FhirResource } from 'fhir/r4';
import type { z } from 'zod';
import type { EventInput } from '../events/schema.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without the parts the mapping does not decide: its id and the (ingest key's) clinic. */
type EventBody = DistributiveOmit<EventInput, 'id' | 'clinicId'>;

export interface MappingContext {
  /** The ingest key's clinic: the only clinic a Bundle may write to. */
  clinicId: string;
  /** The clinic's IANA zone: a FHIR `date` (no time) is read as noon there. */
  timeZone: string;
  /** A Bundle entry's logical identity by its fullUrl, so `urn:uuid:` references resolve. */
  resolveFullUrl: (fullUrl: string) => { resourceType: string; id: string } | undefined;
  /** The app's clock at ingest: SPEC §2's bounds relative to the present are judged against it. */
  now: Date;
}

export interface Mapping {
  /** Undefined when the resource's state records nothing (a planned Encounter, say). */
  event?: EventBody;
  /** Event field → the FHIR element (FHIRPath) it was read from. */
  sources: Record<string, string>;
  notes: string[];
}

export interface ResourceMapper<S extends z.ZodType = z.ZodType> {
  resourceType: FhirResource['resourceType'];
  schema: S;
  /** Elements read (top level), so everything else can be counted as dropped. */
  read: readonly string[];
  /** Extension URLs read; other extensions are counted as dropped too. */
  readExtensions: readonly string[];
  map(resource: z.infer<S>, context: MappingContext): Mapping;
}

/** A resource that parses but cannot become an event: names the element and says why. */
export class Unmappable extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(message);
    this.name = 'Unmappable';
  }
}

export const defineMapper = <S extends z.ZodType>(mapper: ResourceMapper<S>): ResourceMapper<S> => mapper;

/** A resource whose state records no event yet (a planned Encounter, an active episode). */
export const nothingRecorded = (note: string): Mapping => ({ sources: {}, notes: [note] });
