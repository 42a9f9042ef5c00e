import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The workspace server packages stay real Node modules: the db package finds its migrations next to itself,
  // and the launcher's process-wide runtime is the same instance the admin sees.
  ssr: { external: ['@saleschannel/core', '@saleschannel/db', '@saleschannel/domain'] },
});
