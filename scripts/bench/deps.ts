/**
 * Loads the harness's heavier dependencies (this package's own, @mockroom/bench) on demand: only
 * the runs that need them pay for loading them, and rtc-node must see NODE_ENV before it loads.
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

export type Rtc = typeof import('@livekit/rtc-node');
export type Autocannon = typeof import('autocannon').default;

export function loadRtc(): Rtc {
  // rtc-node logs at debug level unless NODE_ENV is production (read once, at load): every
  // ignored agent data stream would flood the progress lines.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return requireHere('@livekit/rtc-node') as Rtc;
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

export function loadAutocannon(): Autocannon {
  return requireHere('autocannon') as Autocannon;
}
