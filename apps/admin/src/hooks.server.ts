import { sharedRuntime } from '@saleschannel/core';
import type { Handle } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.runtime = await sharedRuntime();
  return resolve(event);
};
