// One module-level DynamoDB client per process, as Lambda best practice asks: connections are
// reused across invocations. DYNAMODB_ENDPOINT points it at dynalite or any other endpoint.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const local = Boolean(endpoint);
  const client = new DynamoDBClient({
    ...(local
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          // dynalite ignores credentials, but the SDK insists on having some.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 8,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let shared: DynamoDBDocumentClient | undefined;

/** The process-wide client of a Lambda, created on first use so the environment is read then. */
export function documentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
