// `npm start`: the local platform, until Ctrl-C.
import { localConfigFromEnv } from './local-config.js';
import { startLocalPlatform } from './local-platform.js';
import { publicEndpoint } from './embedded-dynamodb.js';

const platform = await startLocalPlatform(localConfigFromEnv()).catch((error: Error) => {
  console.error(`Could not start: ${error.message}`);
  process.exit(1);
});

const { baseUrl, credentials, credentialsFile, dynamoEndpoint } = platform;
console.log(`
Outcomes platform is running at ${baseUrl}
  Dashboard     ${baseUrl}/   (sign in as a demo person there, or with a token below)
  API docs      ${baseUrl}/docs   (OpenAPI: ${baseUrl}/openapi.json)
  Health        ${baseUrl}/v1/health
  DynamoDB      ${publicEndpoint(dynamoEndpoint)}   (signed requests only: the CLIs read its credential from the data folder)`);
if (credentials) {
  console.log(`\nDemo sign-in tokens, good for 24 h; each start issues new ones (send as "Authorization: Bearer <token>"):`);
  for (const [role, token] of Object.entries(credentials.tokens)) console.log(`  ${role.padEnd(11)} ${token}`);
  console.log(`\nDemo ingest keys (send as "x-api-key: <key>"):`);
  for (const [clinic, key] of Object.entries(credentials.ingestKeys)) console.log(`  ${clinic.padEnd(11)} ${key}`);
  if (credentialsFile) console.log(`\nAll of these are in ${credentialsFile}.`);
}
if (!credentials) {
  console.log(`\nNo demo data. Sign in as admin with a token from: npm run token -- --role admin
Create a clinic and its ingest key with: npm run create-key -- --clinic CLINIC_ID --time-zone America/New_York
  (both against this instance: DYNAMODB_ENDPOINT=${publicEndpoint(dynamoEndpoint)} for create-key).`);
}
console.log('\nCtrl-C stops it; the data stays.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await platform.close();
  console.log('Stopped. Everything is kept for the next start.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
