import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceRunner } from '@livekit/agents';
import { afterAll, describe, expect, it } from 'vitest';
import { MOONSHINE_INFERENCE_METHOD } from './moonshine-service.js';
import { bundleDirOf, registerMoonshineRunner } from './register.js';

// Under agent/dist like the worker's own bundles, so the bundle resolves agent/node_modules.
const bundleDir = fileURLToPath(new URL(`../../dist/test-register-${process.pid}`, import.meta.url));

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe('registerMoonshineRunner', () => {
  it('registers a plain-JS runner that a node process without tsx can load', async () => {
    await registerMoonshineRunner(join(bundleDir, 'main.mjs'));
    const url = InferenceRunner.registeredRunners[MOONSHINE_INFERENCE_METHOD]!;
    expect(url).toMatch(/\.mjs$/);
    // What the framework's inference process does with it: import by URL, instantiate the default export.
    const out = execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(url)}); const r = new m.default(); console.log(typeof r.initialize, typeof r.run);`,
    ]).toString();
    expect(out.trim()).toBe('function function');
  }, 60_000);

  it('uses the .ts source when the job entry is not bundled', () => {
    expect(bundleDirOf('/repo/agent/src/main.ts')).toBeNull();
    expect(bundleDirOf('/repo/agent/dist/jobs-1/main.mjs')).toBe('/repo/agent/dist/jobs-1');
  });
});
