// Extra guard rails on top of the grant methods' table-level permissions.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { auditKeys } from '../../functions/store/keys.js';

/** `AUDIT#`: the partition prefix of the append-only audit log (SPEC §7), taken from keys.ts. */
export const AUDIT_PARTITION_PREFIX = auditKeys.partitionPrefix;

/**
 * The audit log is append-only (SPEC §7). No function of the platform has a reason to delete or
 * update an audit entry, so an explicit Deny on those item-level actions for partitions starting
 * with `AUDIT#` makes that a property of IAM, not only of the code: a bug or an injected request
 * cannot rewrite history. (Appends use PutItem with a condition in the store; BatchWriteItem is not
 * denied because it is also how other items are written.)
 */
export function denyAuditLogRewrites(table: dynamodb.ITableV2, role: iam.IRole): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AuditLogIsAppendOnly',
      effect: iam.Effect.DENY,
      actions: ['dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_PARTITION_PREFIX}*`] } },
    }),
  );
}
