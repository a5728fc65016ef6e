/**
 * Puts one app instance's caches on a shared cluster bus (cluster/bus.ts): each cache publishes
 * through it and drops what its invalidations name. Called once by index.ts (and the cluster
 * tests) right after createApiCaches(), before the app serves.
 */
import type { ApiCaches } from '../lib/context.js';
import type { ClusterBus } from './bus.js';

export function attachBus(caches: ApiCaches, bus: ClusterBus): () => void {
  caches.sessions.bus = bus;
  caches.openInterviews.bus = bus;
  return bus.subscribe((event) => {
    caches.sessions.apply(event);
    caches.openInterviews.apply(event);
    // Started interviews are permanent facts (turn-ingest.ts); only a lost bus drops them, to be safe.
    if (event.kind === 'all') caches.startedInterviews.clear();
  });
}
