/** A small HTTP client for cross-process tests: acts as a signed-in candidate against a running API. */
import { randomUUID } from 'node:crypto';

export class CandidateClient {
  /** The session cookie (`name=value`) once signed up or in; load tests reuse it. */
  cookie = '';
  constructor(readonly apiUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        // Same-origin as a browser on the app would send; the API's CSRF check reads it.
        origin: this.apiUrl,
        'sec-fetch-site': 'same-origin',
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const pair = c.split(';')[0]!;
      if (pair.endsWith('=')) continue;
      this.cookie = pair;
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async signUp(displayName = 'Ada Candidate'): Promise<{ email: string }> {
    const email = `cand-${randomUUID()}@example.test`;
    await this.ok('POST', '/api/auth/signup', { email, displayName, password: 'correct horse battery staple 42' });
    return { email };
  }

  async createInterview(input: { jobDescription?: string; cvText?: string; timeBoxMinutes?: number } = {}): Promise<string> {
    if (input.cvText) await this.ok('PUT', '/api/cv', { text: input.cvText, fileName: 'cv.txt' });
    const { application } = await this.ok<{ application: { id: string } }>('POST', '/api/applications', {
      company: 'Acme Robotics',
      role: 'Backend Engineer',
      seniority: 'mid',
      interviewType: 'mixed',
      jobDescription:
        input.jobDescription ??
        'We are hiring a backend engineer.\nRequirements:\n- TypeScript and Node.js\n- PostgreSQL\n- Designing APIs\nNice to have:\n- Kubernetes',
    });
    const { interview } = await this.ok<{ interview: { id: string } }>('POST', '/api/interviews', {
      applicationId: application.id,
      timeBoxMinutes: input.timeBoxMinutes ?? 10,
    });
    return interview.id;
  }

  async token(interviewId: string): Promise<{ server_url: string; participant_token: string }> {
    return this.ok('POST', `/api/interviews/${interviewId}/token`);
  }
}
