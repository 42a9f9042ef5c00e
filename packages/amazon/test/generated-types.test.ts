import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../scripts/codegen.js';

describe('generated types', () => {
  it('are exactly what the official models generate (run `pnpm generate` after updating models/)', () => {
    const files = generateAll();
    expect(Object.keys(files).length).toBe(6);
    for (const [file, text] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../src/generated/${file}`, import.meta.url), 'utf8');
      expect(committed, file).toBe(text);
    }
  });

  it('keep required fields required and enums closed', () => {
    const files = generateAll();
    const v2026 = files['orders-2026-01-01.ts'] ?? '';
    expect(v2026).toMatch(/export interface Order \{[\s\S]*?\n {2}orderId: string;/);
    expect(v2026).toContain(
      'export type FulfillmentStatus = "PENDING_AVAILABILITY" | "PENDING" | "UNSHIPPED" | "PARTIALLY_SHIPPED" | "SHIPPED" | "CANCELLED" | "UNFULFILLABLE";',
    );
    const v0 = files['orders-v0.ts'] ?? '';
    expect(v0).toMatch(/export interface PackageDetail \{[\s\S]*?packageReferenceId: PackageReferenceId;/);
    expect(v0).toContain('export type PackageReferenceId = string;');
  });
});
