import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, toApiError } from './api.js';
import { onSessionEnded } from './session.js';

afterEach(() => vi.unstubAllGlobals());

describe('toApiError', () => {
  it('keeps the code and message of an API error body', () => {
    const err = toApiError(409, { error: { code: 'email_taken', message: 'That email is already registered.' } });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'email_taken', message: 'That email is already registered.' });
  });
  it('falls back to a readable message for bodies without one', () => {
    expect(toApiError(500, '<html>').message).toMatch(/server had a problem/);
    expect(toApiError(0, null).code).toBe('network');
  });
});

describe('api client', () => {
  it('sends JSON to same-origin /api with credentials and unwraps the answer', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ user: { id: 'u1', email: 'a@b.c', displayName: 'A', emailVerified: false } }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    const user = await api.signUp({ email: 'a@b.c', displayName: 'A', password: 'long enough pw' });
    expect(user.id).toBe('u1');
    expect(calls[0]!.url).toBe('/api/auth/signup');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.credentials).toBe('include');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ email: 'a@b.c', displayName: 'A', password: 'long enough pw' });
  });

  it('throws ApiError with the server message on an error status', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in first.' } }), { status: 401 }));
    // A 401 "unauthorized" means the session is gone: the app is told once, and the caller gets a sentence to show.
    let told = 0;
    const stop = onSessionEnded(() => told++);
    await expect(api.me()).rejects.toMatchObject({ name: 'ApiError', status: 401, code: 'session_ended', message: 'Your session has ended. Sign in again to continue.' });
    stop();
    expect(told).toBe(1);
  });

  it('treats 204 as success with no body, and a network failure as ApiError', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(api.signOut()).resolves.toBeUndefined();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listApplications()).rejects.toMatchObject({ code: 'network' });
  });

  it('uploads a CV as multipart form data and fills path parameters', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Response.json({ cv: { fileName: 'cv.txt', mimeType: 'text/plain', sizeBytes: 2, text: 'hi', summary: 'hi', updatedAt: '2026-11-29T12:00:00.000Z' } });
    });
    const cv = await api.uploadCv(new File(['hi'], 'cv.txt', { type: 'text/plain' }));
    expect(cv.fileName).toBe('cv.txt');
    expect(calls[0]!.url).toBe('/api/cv');
    expect(calls[0]!.init.method).toBe('PUT');
    expect((calls[0]!.init.body as FormData).get('file')).toBeInstanceOf(File);

    const ctl = new AbortController();
    await api.getReport('iv-1', ctl.signal).catch(() => undefined);
    expect(calls[1]!.url).toBe('/api/interviews/iv-1/report');
    expect(calls[1]!.init.signal).toBe(ctl.signal);
  });
});
