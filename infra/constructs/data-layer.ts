// The stateful heart of a deployment: the single DynamoDB table and the customer-managed KMS key
// that encrypts it. The key schema is read from functions/store/table.ts, the same object the local
// bootstrap (CreateTable on dynalite) uses, so the AWS table can never drift from the local one.
//
// The export bucket (researcher exports) will be added later as a sibling construct, encrypted with
// `dataKey`; nothing here has to change for that.
import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableKeySchema } from '../../functions/store/table.js';

export interface DataLayerProps {
  readonly stage: string;
}

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The shape of one index in `tableKeySchema`, kept loose so a projection change there compiles here. */
interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly projection: string;
  readonly include?: readonly string[];
}

/** Translates the shared, SDK-shaped key schema into TableV2 index definitions. */
export function globalSecondaryIndexes(): dynamodb.GlobalSecondaryIndexPropsV2[] {
  const indexes: readonly IndexSpec[] = tableKeySchema.indexes;
  return indexes.map((index) => {
    const base = { indexName: index.name, partitionKey: str(index.partitionKey), sortKey: str(index.sortKey) };
    switch (index.projection) {
      case 'ALL':
        return { ...base, projectionType: dynamodb.ProjectionType.ALL };
      case 'KEYS_ONLY':
        return { ...base, projectionType: dynamodb.ProjectionType.KEYS_ONLY };
      case 'INCLUDE':
        return { ...base, projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...(index.include ?? [])] };
      default:
        // Fail loudly rather than deploy a table that differs from the local one.
        throw new Error(`unsupported projection ${index.projection} on index ${index.name}`);
    }
  });
}

export class DataLayer extends Construct {
  /** Customer-managed key for everything that holds client data (table now, exports later). */
  readonly dataKey: kms.Key;
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DataLayerProps) {
    super(scope, id);

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Outcomes (${props.stage}): encrypts client data at rest (DynamoDB table, exports)`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      // Deleting this key makes the table and every backup unreadable: never delete it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.dataKey.addAlias(`alias/outcomes-${props.stage}-data`);

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: str(tableKeySchema.partitionKey),
      sortKey: str(tableKeySchema.sortKey),
      globalSecondaryIndexes: globalSecondaryIndexes(),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // No streams, no TTL: the local store (dynalite) has neither and the app must not depend on them.
    });
    // Lets an AWS Backup plan owned by the organisation select the table by tag (see docs/deployment.md).
    Tags.of(this.table).add('outcomes:backup', 'required');
  }
}
