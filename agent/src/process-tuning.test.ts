import { describe, expect, it } from 'vitest';
import { CHILD_V8_FLAGS, withChildFlags } from './process-tuning.js';

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
