// The default demo network (600 clients, seed 1), generated once per test file.
import { generateNetwork } from '../../functions/synthetic/index.js';

export const DEMO_AS_OF = '2025-06-30T00:00:00Z';
export const demoNetwork = generateNetwork({ clients: 600, seed: 1, asOf: DEMO_AS_OF });
