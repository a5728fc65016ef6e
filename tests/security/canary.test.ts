/**
 * Issue 15, "no personal data in any log": canary strings pushed through every flow of the real
 * stack (livekit-server, the API and the agent worker, offline providers), then searched for in
 * every line each process wrote, every file the stack wrote outside the database (the agent's
 * spool, any log file) and every file of the built web bundle. Expected: 0 hits.
 *
 * Every process runs at its most verbose level (API and agent LOG_LEVEL=trace, livekit-server
 * `logging.level: debug`), its stdout and stderr captured whole to files. The flows: sign-up with
 * a canary name, email and password; sign-out and sign-in; profile update; CV upload (a DOCX with
 * a canary file name and text) and paste; an application with canary company, role and job
 * description; the analysis; an interview, its token and the call, where a bot candidate is
 * greeted by its canary name (the name goes through the recruiter's brain, TTS and captions) and
 * types an answer holding a canary (the chat text stream); the end; the report; the export; a
 * password-reset request for the canary address. The bot does not speak: the offline STT cannot
 * be expected to reproduce a random string, and the greeting already takes the name through TTS.
 *
 * The API is taken down while the candidate types the answer, so the answer goes through the
 * agent's spool: found there while undelivered (the spool holds the transcript by design while the
 * API is away, which also shows the search reads it), and gone once replayed — the spool is
 * searched at the end with everything else.
 *
 * The first-party analytics store (issue 16's `events` table) is read whole from the database once
 * the API has stopped, and searched too: the flows above record events, none may carry a canary.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../api/src/lib/documents/test-fixtures.js';
import { createDb } from '../../db/src/client.js';
import { events as eventsTable } from '../../db/src/schema/index.js';
import { CandidateClient } from '../helpers/api.js';
import { TypingCandidate } from '../helpers/bot-candidate.js';
import { REPO_ROOT, StackError, startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

const hex = (bytes = 6) => randomBytes(bytes).toString('hex');
/** Letters only: the recruiter speaks a name's letters alone (digits are dropped), so a name canary must be all letters. */
const letters = (n = 12) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** One per flow, so a hit names the flow that leaked. */
const CANARIES = {
  firstName: `Cnry${letters()}`,
  // Non-ASCII, so the escaped forms (JSON \u, URL %) are searched for meaningfully.
  lastName: `Ñcnry${letters()}é`,
  renamedFirst: `Cnry${letters()}`,
  emailLocal: `cnry${hex()}`,
  password: `cnry${hex()} horse battery staple`,
  cvFileName: `cnry${hex()}`,
  cvDocx: `cnry${hex()}`,
  cvPaste: `cnry${hex()}`,
  company: `Cnry${hex()} Robotics`,
  role: `Cnry${hex()} Engineer`,
  jobDescription: `cnry${hex()}`,
  typedAnswer: `cnry${hex()}`,
};

/** Every form in which a canary could land in a file: as is, case-folded, JSON-escaped (also \u-escaped ASCII), URL-encoded. */
function forms(canary: string): string[] {
  const jsonEscaped = JSON.stringify(canary).slice(1, -1);
  const asciiEscaped = jsonEscaped.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([canary, canary.toLowerCase(), canary.toUpperCase(), jsonEscaped, asciiEscaped, encodeURIComponent(canary)])];
}

/**
 * The random part of each canary (`cnry` + hex or letters), matched case-insensitively: it also
 * catches a canary cut short, re-cased or inside a larger escaped string.
 */
function cores(canary: string): string[] {
  return [...canary.matchAll(/cnry[0-9a-z]{10,}/gi)].map((m) => m[0].toLowerCase());
}

interface Hit {
  file: string;
  canary: string;
  form: string;
  line: string;
}

/** Searches text for every canary's forms and cores; returns each hit with the line it is on. */
function findCanaries(file: string, text: string): Hit[] {
  const hits: Hit[] = [];
  const lower = text.toLowerCase();
  for (const [name, canary] of Object.entries(CANARIES)) {
    const needles = [...forms(canary).map((f) => ({ form: f, hay: text })), ...cores(canary).map((c) => ({ form: `core ${c}`, hay: lower }))];
    for (const { form, hay } of needles) {
      const needle = form.startsWith('core ') ? form.slice(5) : form;
      const at = hay.indexOf(needle);
      if (at < 0) continue;
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at);
      hits.push({ file, canary: name, form, line: text.slice(start, end < 0 ? undefined : end).slice(0, 400) });
      break;
    }
  }
  return hits;
}

function filesUnder(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) out.push(...filesUnder(path, skip));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe('canaries pushed through every flow appear in no log, spool or web bundle file', () => {
  const root = mkdtempSync(join(tmpdir(), 'mockroom-canary-'));
  const logDir = join(root, 'logs');
  const pgliteDir = join(root, 'pglite');
  const spoolDir = join(root, 'spool');
  const webDist = join(REPO_ROOT, 'web', 'dist');
  let stack: Stack;

  beforeAll(async () => {
    const start = () => startStack({
      dataDir: root,
      logDir,
      livekitLogLevel: 'debug',
      env: {
        DATA_DIR: pgliteDir,
        SPOOL_DIR: spoolDir,
        LOG_LEVEL: 'trace',
        // Lets the test read the reset email it asked for (loopback only; the stack is never production here).
        DEV_OUTBOX: 'true',
      },
    });
    // One more try when a process was not ready in time: on a machine shared with other stacks the
    // API's first answer has taken over a minute (PGlite start and migrations). Anything else fails.
    stack = await start().catch(async (error: unknown) => {
      if (!(error instanceof StackError)) throw error;
      console.warn(`canary: stack start failed once (${error.message.split('\n')[0]}); retrying`);
      rmSync(logDir, { recursive: true, force: true });
      return start();
    });
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail' && stack) console.error(`--- agent log (tail) ---\n${stack.logs('agent').slice(-8_000)}`);
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('every flow stores the canaries, and no log line, spool file or bundle file holds one', async () => {
    const client = new CandidateClient(stack.apiUrl);
    const email = `${CANARIES.emailLocal}@example.test`;

    // Account: sign-up, sign-out, sign-in, profile update.
    await client.ok('POST', '/api/auth/signup', { email, displayName: `${CANARIES.firstName} ${CANARIES.lastName}`, password: CANARIES.password });
    await client.ok('POST', '/api/auth/signout');
    // Sign-in sets the session and a device cookie; the shared client keeps one, so both are kept here.
    const signin = await fetch(`${stack.apiUrl}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.apiUrl, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password: CANARIES.password }),
    });
    expect(signin.status).toBe(200);
    client.cookie = signin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .filter((pair) => !pair.endsWith('='))
      .join('; ');
    await client.ok('PATCH', '/api/me', { displayName: `${CANARIES.renamedFirst} ${CANARIES.lastName}` });

    // CV: a DOCX upload (canary in its name and text), then a pasted CV (the one the interview uses).
    const form = new FormData();
    const docx = makeDocx([`Jane Doe ${CANARIES.cvDocx}`, 'Senior engineer: TypeScript, Node.js, PostgreSQL.']);
    form.append('file', new Blob([new Uint8Array(docx)], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), `${CANARIES.cvFileName}.docx`);
    const upload = await fetch(`${stack.apiUrl}/api/cv`, {
      method: 'PUT',
      headers: { origin: stack.apiUrl, 'sec-fetch-site': 'same-origin', cookie: client.cookie },
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    expect(((await upload.json()) as { cv: { text: string } }).cv.text).toContain(CANARIES.cvDocx);
    await client.ok('PUT', '/api/cv', {
      text: `Experience\n- Led the ${CANARIES.cvPaste} billing migration to PostgreSQL.\nSkills\n- TypeScript, Node.js, APIs`,
      fileName: 'cv.txt',
    });

    // Application and its analysis.
    const { application } = await client.ok<{ application: { id: string } }>('POST', '/api/applications', {
      company: CANARIES.company,
      role: CANARIES.role,
      seniority: 'mid',
      interviewType: 'mixed',
      jobDescription: `We are hiring for project ${CANARIES.jobDescription}.\nRequirements:\n- TypeScript and Node.js\n- PostgreSQL\n- Designing APIs`,
    });
    await client.ok('GET', `/api/applications/${application.id}/analysis`);

    // The call: greeted by name, one typed answer, a reply, the end.
    const { interview } = await client.ok<{ interview: { id: string } }>('POST', '/api/interviews', { applicationId: application.id, timeBoxMinutes: 10 });
    const token = await client.token(interview.id);
    const bot = new TypingCandidate();
    const answer = `At my last job I shipped the ${CANARIES.typedAnswer} service, which cut invoice errors by 40 percent.`;
    try {
      await bot.join(token.server_url, token.participant_token);
      const greeting = await bot.waitForLines(0, 60_000);
      // The name went through the recruiter (and TTS): the flow the logs are searched for.
      expect(greeting).toContain(CANARIES.renamedFirst);
      await waitFor(
        'the greeting stored',
        async () => ((await client.ok<{ turns: unknown[] }>('GET', `/api/interviews/${interview.id}`)).turns.length > 0 ? true : null),
        30_000,
      );
      // The API goes down for the answer: the agent spools it (the spool holds the transcript by
      // design while the API is away) and replays it when the API is back. Delivered records must
      // not stay behind, which the search at the end checks.
      await stack.stopApi();
      const seen = bot.lines.length;
      await bot.type(answer);
      await bot.waitForLines(seen, 60_000);
      const spooled = await waitFor(
        'the answer in the spool',
        async () => {
          const hits = filesUnder(spoolDir).flatMap((f) => findCanaries(relative(root, f), readFileSync(f, 'utf8')));
          return hits.some((h) => h.canary === 'typedAnswer') ? hits : null;
        },
        60_000,
      );
      // The search reads the spool's format: while undelivered, the answer is found there.
      expect(spooled.length).toBeGreaterThan(0);
      await stack.startApi().catch(async (error: unknown) => {
        if (!(error instanceof StackError)) throw error;
        await stack.stopApi();
        await stack.startApi();
      });
      await waitFor(
        'the typed answer stored',
        async () => {
          const { turns } = await client.ok<{ turns: { text: string }[] }>('GET', `/api/interviews/${interview.id}`);
          return turns.some((t) => t.text === answer) ? true : null;
        },
        60_000,
      );
    } finally {
      await bot.leave();
    }
    await client.ok('POST', `/api/interviews/${interview.id}/end`);
    const report = await waitFor(
      'the report',
      async () => {
        const r = await client.ok<{ status: string }>('GET', `/api/interviews/${interview.id}/report`);
        return r.status === 'pending' ? null : r;
      },
      60_000,
    );
    expect(report.status).toBe('ready');

    // Export: everything the user owns. Proves the canaries were stored, and that the search finds them.
    const exported = JSON.stringify(await client.ok('GET', '/api/me/export'));
    const inExport = new Set(findCanaries('export', exported).map((h) => h.canary));
    // (firstName was replaced by the profile update, and the DOCX's text by the pasted CV.)
    for (const name of ['lastName', 'renamedFirst', 'emailLocal', 'cvPaste', 'company', 'role', 'jobDescription', 'typedAnswer']) {
      expect(inExport, `${name} in the export`).toContain(name);
    }

    // Password reset: looked up by the canary address, its email composed and queued in the background.
    const reset = await client.request('POST', '/api/auth/password-reset/request', { email });
    expect(reset.status).toBe(202);
    await waitFor(
      'the reset email',
      async () => {
        const { emails } = await client.ok<{ emails: { to: string; subject: string; text: string }[] }>('GET', '/api/dev/outbox');
        return emails.some((e) => e.to === email && /reset/i.test(e.subject)) ? true : null;
      },
      30_000,
    );

    // Let the agent's job wind down (session report, close) so its last lines are written too.
    await stack.stopAgent();
    await stack.stopApi();

    // The logs are real and verbose: each process wrote its most detailed lines.
    const logFiles = readdirSync(logDir).map((f) => join(logDir, f));
    expect(logFiles.map((f) => relative(logDir, f)).sort()).toEqual(['agent.log', 'api.log', 'livekit.log']);
    const read = (f: string) => readFileSync(join(logDir, f), 'utf8');
    expect(read('api.log')).toMatch(/"level":20,.*"msg":"request"/);
    expect(read('agent.log')).toMatch(/"level":(10|20)\b/);
    expect(read('livekit.log')).toMatch(/\bDEBUG\b/);

    // The database is the product's storage, not a log: excluded, but it must be where it was put.
    expect(existsSync(join(pgliteDir, 'PG_VERSION'))).toBe(true);
    // Except the analytics events, which must hold nothing personal: read them all and search them.
    const eventsDb = createDb({ dataDir: pgliteDir });
    const events = await eventsDb.owner.select().from(eventsTable);
    await eventsDb.close();
    expect(events.length).toBeGreaterThan(0);
    expect(findCanaries('events table', JSON.stringify(events))).toEqual([]);
    // The web bundle built by the set-up.
    const bundle = filesUnder(webDist);
    expect(bundle.some((f) => f.endsWith('.js'))).toBe(true);

    // Every file the stack wrote outside the database (the logs, the spool, anything else), and the bundle.
    const scanned = [...filesUnder(root, (p) => p === pgliteDir), ...bundle];
    const hits: Hit[] = [];
    let bytes = 0;
    for (const file of scanned) {
      const text = readFileSync(file, 'utf8');
      bytes += statSync(file).size;
      hits.push(...findCanaries(relative(root, file).startsWith('..') ? relative(REPO_ROOT, file) : relative(root, file), text));
    }
    console.info(`canary: scanned ${scanned.length} files (${Math.round(bytes / 1024)} KiB), spool ${existsSync(spoolDir) ? filesUnder(spoolDir).length : 0} files, ${hits.length} hits`);
    expect(hits).toEqual([]);
  });
});
