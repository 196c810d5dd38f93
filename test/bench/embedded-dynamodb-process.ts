// A bare dynalite in its own process: the floor the database sets, measured like the API's store.
import { startEmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';

// The caller names the credential, so that it can sign its requests (see embedded-dynamodb.ts).
const db = await startEmbeddedDynamoDb({
  path: process.env.DYNALITE_PATH || undefined,
  port: Number(process.env.DYNALITE_PORT ?? 0),
  credential: process.env.DYNALITE_CREDENTIAL || undefined,
});
console.log(`READY ${db.endpoint}`);
// Closing the server and its LevelDB leaves nothing to wait for, so the process ends by itself.
process.on('SIGINT', () => void db.close());
