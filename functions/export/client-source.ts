// The export's one way in to client data. The store's layout is changing (per-clinic state, bounded
// items); when it does, only this adapter is re-pointed.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientState } from '../store/client-states.js';
import { clientStatePages } from '../store/client-state-pages.js';

/** A clinic's client states, a page at a time. */
export const clinicClientStates = (db: DynamoDBDocumentClient, clinicId: string): AsyncIterable<ClientState[]> => clientStatePages(db, clinicId);
