import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../models/', import.meta.url);

describe('models/', () => {
  it('are byte-for-byte the official files listed in SOURCES.md (no formatter touched them)', () => {
    const sources = readFileSync(new URL('SOURCES.md', dir), 'utf8');
    const listed = [...sources.matchAll(/^([0-9a-f]{64}) {2}(\S+\.json)$/gm)];
    expect(listed).toHaveLength(6);
    for (const [, sha, file] of listed) {
      const actual = createHash('sha256')
        .update(readFileSync(new URL(file as string, dir)))
        .digest('hex');
      expect(actual, file).toBe(sha);
    }
  });
});
