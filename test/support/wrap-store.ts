// A store whose every command passes through a test's hands first: to count, watch or fail it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Send = DynamoDBDocumentClient['send'];

/** The store with every command passed through `intercept` first. */
export function wrapStore(db: DynamoDBDocumentClient, intercept: (command: { constructor: { name: string }; input: Record<string, unknown> }, send: Send) => ReturnType<Send>): DynamoDBDocumentClient {
  const send = db.send.bind(db) as Send;
  return new Proxy(db, {
    get: (target, prop, receiver) => (prop === 'send' ? (command: never) => intercept(command, send) : Reflect.get(target, prop, receiver)),
  });
}
