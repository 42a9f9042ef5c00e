import { loadModels } from '@saleschannel/amazon-stand-in';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/operations.js';

const models = loadModels();

describe('operation table vs official models', () => {
  it('lists every operation of the five models, and nothing else', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(models.operations.map((o) => o.name).sort());
  });

  for (const [name, spec] of Object.entries(OPERATIONS)) {
    it(`${name}: method, path and usage plan match the model`, () => {
      const model = models.byName.get(name);
      expect(model, `${name} is not in the models`).toBeDefined();
      expect(spec.method).toBe(model?.method);
      expect(spec.path).toBe(model?.path);
      expect(spec.rate).toBe(model?.rate);
      expect(spec.burst).toBe(model?.burst);
      const description = String(
        (models.raw[spec.api].paths as Record<string, Record<string, { description?: string }>>)[spec.path]?.[
          spec.method.toLowerCase()
        ]?.description,
      );
      expect(Boolean((spec as { grantless?: boolean }).grantless), 'grantless flag').toBe(
        /is grantless/i.test(description),
      );
    });
  }
});
