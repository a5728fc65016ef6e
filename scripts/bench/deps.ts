/**
 * Loads the packages the harness needs from the tests workspace package, which depends on them:
 * the root package (where `pnpm bench` runs) does not, and pnpm does not hoist them. Type-only
 * imports resolve through this folder's tsconfig paths.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/stack.js';

const requireFromTests = createRequire(join(REPO_ROOT, 'tests', 'package.json'));

export type Rtc = typeof import('@livekit/rtc-node');
export type Autocannon = typeof import('autocannon').default;

export function loadRtc(): Rtc {
  // rtc-node logs at debug level unless NODE_ENV is production (read once, at load): every
  // ignored agent data stream would flood the progress lines.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return requireFromTests('@livekit/rtc-node') as Rtc;
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

export function loadAutocannon(): Autocannon {
  return requireFromTests('autocannon') as Autocannon;
}
