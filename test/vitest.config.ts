import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

export default mergeConfig(sharedConfig, { test: { include: ['e2e/**/*.test.ts'] } });
