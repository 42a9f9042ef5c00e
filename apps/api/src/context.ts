import type { Runtime } from '@saleschannel/core';

export interface AppEnv {
  Variables: {
    requestId: string;
    runtime: Runtime;
    logger: Runtime['logger'];
  };
}
