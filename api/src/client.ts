/** Typed API client for the web app and tests: `createClient('/')` → hc<AppType>. */
import { hc } from 'hono/client';
import type { AppType } from './app.js';

export type { AppType };
export type ApiClient = ReturnType<typeof hc<AppType>>;

export function createClient(baseUrl: string, options?: Parameters<typeof hc>[1]): ApiClient {
  return hc<AppType>(baseUrl, options);
}
