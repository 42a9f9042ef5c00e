import { afterEach, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';

/** A fresh migrated database for every test of the calling file. */
export function useTestDatabase(): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase();
  });
  afterEach(async () => {
    await current?.destroy();
    current = undefined;
  });
  return () => {
    if (!current) {
      throw new Error('the test database is only available inside a test');
    }
    return current;
  };
}

/** Walks an error and its causes for a message naming the constraint that rejected the statement. */
export async function expectConstraint(
  promise: Promise<unknown>,
  constraint: string | RegExp,
): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!caught) {
    throw new Error(`expected the statement to violate ${constraint}, but it succeeded`);
  }
  const messages: string[] = [];
  for (let error: unknown = caught; error instanceof Error; error = error.cause) {
    messages.push(error.message);
    const detail = error as { constraint?: string; constraint_name?: string };
    if (detail.constraint) {
      messages.push(detail.constraint);
    }
    if (detail.constraint_name) {
      messages.push(detail.constraint_name);
    }
  }
  const text = messages.join('\n');
  const matches = typeof constraint === 'string' ? text.includes(constraint) : constraint.test(text);
  if (!matches) {
    throw new Error(`expected a violation of ${constraint}, got:\n${text}`);
  }
}
