import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBundled, pruneStaleBundles } from './job-bundle.js';

describe('isBundled', () => {
  it('bundles relative files and workspace packages, not registry packages or builtins', () => {
    expect(isBundled('./recruiter.js')).toBe(true);
    expect(isBundled('@mockroom/core')).toBe(true);
    expect(isBundled('@livekit/agents')).toBe(false);
    expect(isBundled('node:fs')).toBe(false);
    expect(isBundled('koffi')).toBe(false);
  });
});

describe('pruneStaleBundles', () => {
  it("removes bundles of workers that are gone and keeps a live worker's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
    // Above the kernel's pid limit (4194304), so never a live process.
    const dead = join(dir, 'jobs-9999999');
    const live = join(dir, `jobs-${process.pid}`);
    const other = join(dir, 'unrelated');
    for (const d of [dead, live, other]) mkdirSync(d);
    pruneStaleBundles(dir);
    expect([existsSync(dead), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
  });

  it('ignores a missing folder', () => {
    expect(() => pruneStaleBundles(join(tmpdir(), 'no-such-bundles-dir'))).not.toThrow();
  });
});
