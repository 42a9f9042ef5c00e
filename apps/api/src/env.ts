import { z } from 'zod';

const ApiEnv = z.object({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export function parseApiEnv(env: NodeJS.ProcessEnv): ApiEnv {
  const parsed = ApiEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid API settings: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
