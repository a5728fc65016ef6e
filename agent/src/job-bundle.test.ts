import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_V8_FLAGS, isBundled, pruneStaleBundles, withChildFlags } from './job-bundle.js';

describe('withChildFlags', () => {
  it("drops tsx's loader in every spelling and adds the young-generation limit", () => {
    const argv = ['--import', 'tsx', '--require', '/r/node_modules/tsx/dist/preflight.cjs', '--import=file:///r/tsx/dist/loader.mjs', '--enable-source-maps'];
    expect(withChildFlags(argv, true)).toEqual(['--enable-source-maps', ...CHILD_V8_FLAGS]);
  });

  it('keeps tsx when there is no bundle, and replaces an earlier semi-space setting', () => {
    expect(CHILD_V8_FLAGS).toContain('--max-semi-space-size=1');
    expect(withChildFlags(['--import', 'tsx', '--max-semi-space-size=16'], false)).toEqual(['--import', 'tsx', ...CHILD_V8_FLAGS]);
  });

  it('keeps loaders that are not tsx', () => {
    expect(withChildFlags(['--import', './otel.mjs'], true)).toEqual(['--import', './otel.mjs', ...CHILD_V8_FLAGS]);
  });
});

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
