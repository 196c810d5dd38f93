// Configuration of the local platform, from the environment, with the defaults README documents.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNALITE_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET needs at least 32 characters').optional(),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  DEMO_CLIENTS: z.coerce.number().int().min(1).default(600),
  DEMO_SEED: z.coerce.number().int().default(1),
  AGGREGATE_EVERY_SECONDS: z.coerce.number().min(0).default(60),
});

export type LocalConfig = z.infer<typeof envSchema> & {
  /** In memory, for tests: no data folder, nothing survives. */
  inMemory?: boolean;
};

export function localConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
