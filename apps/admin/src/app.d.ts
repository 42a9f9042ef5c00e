import type { Runtime } from '@saleschannel/core';

declare global {
  namespace App {
    interface Locals {
      runtime: Runtime;
    }
  }
}
