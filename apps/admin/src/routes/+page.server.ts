import { checkHealth } from '@saleschannel/core';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  health: await checkHealth(locals.runtime.database),
});
