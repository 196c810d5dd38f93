// GET /fhir/r4/metadata: what this endpoint does, as a FHIR R4 CapabilityStatement
// (http://hl7.org/fhir/R4/capabilitystatement.html). Resources are accepted only inside a
// transaction or batch Bundle and are write-only: the platform keeps events, not resources.
import type { CapabilityStatement } from 'fhir/r4';
import { mappers } from './map-resource.js';

const DOCS = 'docs/fhir-mapping.md';

export function capabilityStatement(date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'Outcomes platform FHIR ingest' },
    implementation: { description: `Maps FHIR R4 resources to outcome events; see ${DOCS}` },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: `Send resources in a transaction or batch Bundle (POST /fhir/r4). Mappings: ${DOCS}`,
        security: { description: 'A clinic ingest key in the x-api-key header; every resource is recorded for that clinic.' },
        resource: mappers.map((m) => ({
          type: m.resourceType,
          interaction: [{ code: 'create' as const }, { code: 'update' as const }],
          versioning: 'versioned' as const,
          ...(m.resourceType === 'Observation' ? { supportedProfile: ['http://hl7.org/fhir/us/pco/StructureDefinition/pco-gas-score-observation'] } : {}),
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
