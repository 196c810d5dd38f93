// One module-level DynamoDB client per process, as Lambda best practice asks: connections are
// reused across invocations. DYNAMODB_ENDPOINT points it at dynalite or any other endpoint.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_ATTEMPTS, retryStrategy, type RetryDelay } from './retry-policy.js';

/**
 * A local endpoint may carry its credential as its URL's user part, as database URLs do
 * (`http://<credential>@127.0.0.1:8000`, the embedded database's form): it becomes the access key
 * the SDK signs with. Without one, a local endpoint gets a placeholder the SDK insists on.
 */
function localConnection(endpoint: string) {
  const url = new URL(endpoint);
  const accessKeyId = decodeURIComponent(url.username) || 'local';
  const secretAccessKey = decodeURIComponent(url.password) || accessKeyId;
  url.username = '';
  url.password = '';
  return { endpoint: url.origin, credentials: { accessKeyId, secretAccessKey } };
}

/** `retryDelay` is the backoff of the one retry layer (retry-policy.ts); tests make it 0. */
export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT, retryDelay?: RetryDelay): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(endpoint ? { ...localConnection(endpoint), region: process.env.AWS_REGION ?? 'local' } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: retryStrategy(retryDelay),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let shared: DynamoDBDocumentClient | undefined;

/** The process-wide client of a Lambda, created on first use so the environment is read then. */
export function documentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
