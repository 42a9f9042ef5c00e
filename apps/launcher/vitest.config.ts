import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// These tests start the whole product as a child process: allow for a slow, busy machine.
export default mergeConfig(sharedConfig, { test: { testTimeout: 120_000 } });
