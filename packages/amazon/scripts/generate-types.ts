/**
 * Generates TypeScript types from Amazon's official SP-API models in ../models.
 *
 *   pnpm --filter @saleschannel/amazon generate
 *
 * The output in src/generated/ is committed; test/generated-types.test.ts regenerates it in memory and fails
 * when the committed files differ, so the types can never drift from the models.
 */
import { writeFileSync } from 'node:fs';
import { generateAll } from './codegen.js';

const outDir = new URL('../src/generated/', import.meta.url);
for (const [file, text] of Object.entries(generateAll())) {
  writeFileSync(new URL(file, outDir), text);
  console.log(`wrote src/generated/${file}`);
}
