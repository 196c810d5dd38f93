// zod schemas for the FHIR R4 data types the mappings read (http://hl7.org/fhir/R4/datatypes.html).
// Only the parts we read are described; every other element passes through to be counted as
// dropped. Types come from `fhir/r4` (@types/fhir): the schemas are checked against them.
import { z } from 'zod';
import type { CodeableConcept, Coding, Extension, Meta, Reference } from 'fhir/r4';

/** FHIR R4 `id` (http://hl7.org/fhir/R4/datatypes.html#id): also a valid SPEC §2 id. */
const fhirIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id: 1–64 characters of A–Z, a–z, 0–9, "-" or "."');

export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
}) satisfies z.ZodType<Coding>;

export const codeableConceptSchema = z.looseObject({
  coding: z.array(codingSchema).optional(),
}) satisfies z.ZodType<CodeableConcept>;

export const referenceSchema = z.looseObject({
  reference: z.string().optional(),
}) satisfies z.ZodType<Reference>;

const extensionSchema = z.looseObject({
  url: z.string(),
  valueCode: z.string().optional(),
  valueCoding: codingSchema.optional(),
  valueDateTime: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  valueReference: referenceSchema.optional(),
  extension: z.array(z.looseObject({ url: z.string() })).optional(),
}) satisfies z.ZodType<Extension>;

const metaSchema = z.looseObject({
  versionId: fhirIdSchema.optional(),
  lastUpdated: z.string().optional(),
}) satisfies z.ZodType<Meta>;

/** What every mapped resource has: a logical id (the source of our ids) and maybe a version. */
export const resourceBase = {
  id: fhirIdSchema,
  meta: metaSchema.optional(),
  extension: z.array(extensionSchema).optional(),
};

export type FhirExtension = z.infer<typeof extensionSchema>;
export type FhirReference = z.infer<typeof referenceSchema>;
export type FhirCodeableConcept = z.infer<typeof codeableConceptSchema>;

/** The code of the first coding in `system`, if any. */
export function codeIn(concept: FhirCodeableConcept | undefined, system: string): string | undefined {
  return concept?.coding?.find((c) => c.system === system)?.code;
}

/** The extension with `url`, if any. */
export function extensionOf(extensions: FhirExtension[] | undefined, url: string): FhirExtension | undefined {
  return extensions?.find((e) => e.url === url);
}
