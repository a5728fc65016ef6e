/**
 * "Audio is never stored" (issue 16) as a test over the real stack (livekit-server, the API, the
 * agent worker with the offline STT/TTS): a bot candidate holds a voice call (the recruiter's spoken
 * greeting and questions, a spoken answer, the follow-up), the interview ends and is scored; then
 *
 * - no egress (LiveKit's recording service) was ever started for the room, and the code starts none:
 *   no source of the API or the agent names an egress or recording call, and livekit.yaml
 *   configures no egress;
 * - no audio reached a disk: every file the stack wrote (its data folder with the database and the
 *   agent's spool, the services' logs, and every file under the TMPDIR given to the API, the agent
 *   and their child processes) and every file under the repository and $HOME changed during the call
 *   is read, and none is an audio file by its contents (WAV, Ogg/Opus, WebM, FLAC, MP4/M4A, MP3
 *   headers) or by its name. The search is shown to work: a WAV planted in the data folder is found.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EgressClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateClient } from './helpers/api.js';
import { SpeakingCandidate } from './helpers/bot-candidate.js';
import { REPO_ROOT, startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const AUDIO_EXTENSIONS = /\.(wav|wave|ogg|oga|opus|webm|weba|flac|mp3|m4a|mp4|aac|pcm|raw|aiff?)$/i;

/** The audio container a file's first bytes announce, or null. Signatures long enough not to match by chance. */
export function audioSignature(head: Buffer): string | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'FORM' && /^AIF[FC]$/.test(ascii(8, 12))) return 'aiff';
  if (ascii(0, 5) === 'OggS\0') return 'ogg';
  if (head.readUInt32BE(0) === 0x1a45dfa3 && /webm|matroska/.test(ascii(0, 64))) return 'webm';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(4, 8) === 'ftyp' && /^(M4A |M4B |mp4|isom|iso[2-9]|dash)/.test(ascii(8, 12))) return 'mp4';
  if (ascii(0, 3) === 'ID3' && head[3]! >= 2 && head[3]! <= 4 && head[4] === 0) return 'mp3';
  return null;
}

function filesUnder(dir: string, skip: (path: string) => boolean = () => false): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    if (skip(p)) return [];
    if (e.isDirectory()) return filesUnder(p, skip);
    return e.isFile() ? [p] : [];
  });
}

/** Audio found in `files`: by name or by contents. */
function findAudio(files: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    if (AUDIO_EXTENSIONS.test(f)) {
      found.push(`${f} (name)`);
      continue;
    }
    let head: Buffer;
    try {
      const buf = readFileSync(f);
      head = Buffer.alloc(64);
      buf.copy(head, 0, 0, 64);
    } catch {
      continue; // gone meanwhile (a lock file, say)
    }
    const kind = audioSignature(head);
    if (kind) found.push(`${f} (${kind})`);
  }
  return found;
}

describe('audio is never stored (real stack, voice call)', () => {
  let stack: Stack;
  let root: string;
  let stackTmp: string;
  let logDir: string;
  let callStartedMs = 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mockroom-audio-'));
    stackTmp = join(root, 'tmp');
    logDir = join(root, 'logs');
    mkdirSync(stackTmp, { recursive: true });
    // tsx keeps its compile cache under the temp folder: a warm copy spares the services a cold
    // compile of the whole workspace at start-up (a loaded machine would pass the 60 s readiness limit).
    const tsxCache = join(tmpdir(), `tsx-${process.getuid?.() ?? 0}`);
    if (existsSync(tsxCache)) cpSync(tsxCache, join(stackTmp, `tsx-${process.getuid?.() ?? 0}`), { recursive: true });
    stack = await startStack({
      dataDir: join(root, 'data'),
      logDir,
      // Every temporary file of the API, the agent and their children (inference services) lands here.
      env: { TMPDIR: stackTmp, TMP: stackTmp, TEMP: stackTmp, AGENT_REJOIN_GRACE_SECONDS: '3' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('holds a voice call, starts no egress, and leaves no audio file anywhere the stack wrote', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Audio Candidate');
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const roomName = (await client.ok<{ interview: { roomName: string } }>('GET', `/api/interviews/${interviewId}`)).interview.roomName;
    callStartedMs = Date.now();
    const bot = new SpeakingCandidate();
    try {
      await bot.join(server_url, participant_token);
      const greeting = await bot.waitForLines(0);
      expect(greeting).toMatch(/AI recruiter/);
      const seen = bot.lines.length;
      await bot.say('I built a payment service in TypeScript and I led the migration to Postgres.');
      expect((await bot.waitForLines(seen)).length).toBeGreaterThan(0);
      // While the call is live: LiveKit knows no egress for the room.
      const egress = new EgressClient(stack.livekitUrl.replace(/^ws/, 'http'), stack.livekitApiKey, stack.livekitApiSecret);
      const during = await egress.listEgress({ roomName }).catch((err: unknown) => ({ unavailable: String(err) }));
      expect(Array.isArray(during) ? during : []).toEqual([]);
    } finally {
      await bot.leave();
    }
    await client.ok('POST', `/api/interviews/${interviewId}/end`);
    const report = await waitFor(
      'the report',
      async () => {
        const r = await client.ok<{ status: string }>('GET', `/api/interviews/${interviewId}/report`);
        return r.status === 'pending' ? null : r;
      },
      90_000,
    );
    expect(report.status).toBe('ready');
    const turns = (await client.ok<{ turns: { speaker: string; source: string }[] }>('GET', `/api/interviews/${interviewId}`)).turns;
    expect(turns.some((t) => t.speaker === 'candidate' && t.source === 'voice')).toBe(true);

    // The code starts no recording: no egress or recording call in the API's or the agent's sources,
    // no egress in the LiveKit configuration.
    const sources = ['api/src', 'agent/src'].flatMap((d) => filesUnder(join(REPO_ROOT, d), (p) => p.includes('node_modules'))).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f));
    expect(sources.length).toBeGreaterThan(20);
    const recordingCalls = sources.filter((f) => /EgressClient|start(RoomComposite|TrackComposite|Track|Participant|Web)Egress|MediaRecorder/.test(readFileSync(f, 'utf8')));
    expect(recordingCalls.map((f) => relative(REPO_ROOT, f))).toEqual([]);
    expect(readFileSync(join(REPO_ROOT, 'livekit.yaml'), 'utf8')).not.toMatch(/^\s*egress\s*:/m);

    // Every file the stack wrote, and anything changed under the repository or $HOME since the call began.
    const stackFiles = filesUnder(root);
    expect(stackFiles.some((f) => f.startsWith(join(root, 'data')))).toBe(true);
    expect(stackFiles.filter((f) => f.startsWith(logDir)).length).toBeGreaterThanOrEqual(3);
    const changedSince = (dir: string, skip: (p: string) => boolean) =>
      filesUnder(dir, skip).filter((f) => {
        try {
          return statSync(f).mtimeMs >= callStartedMs;
        } catch {
          return false;
        }
      });
    const repoChanged = changedSince(REPO_ROOT, (p) => /\/(node_modules|\.git)$/.test(p) || p === join(REPO_ROOT, 'tests', 'artifacts'));
    const home = homedir();
    // Toolchains and package stores are skipped: nothing of the stack writes there, and walking them takes minutes.
    const homeSkip = /\/(node_modules|\.git|\.rustup|\.cargo|\.pyenv|go|\.npm|\.claude|pnpm|ms-playwright)$/;
    const homeChanged = home && home !== '/' && !REPO_ROOT.startsWith(home) ? changedSince(home, (p) => homeSkip.test(p)) : [];
    const searched = [...stackFiles, ...repoChanged, ...homeChanged];
    console.info(`audio search: ${stackFiles.length} stack files, ${repoChanged.length + homeChanged.length} changed elsewhere`);
    expect(findAudio(searched)).toEqual([]);

    // The search finds audio when there is some.
    const planted = join(root, 'data', 'planted.bin');
    const wav = Buffer.alloc(64);
    wav.write('RIFF', 0, 'latin1');
    wav.write('WAVEfmt ', 8, 'latin1');
    writeFileSync(planted, wav);
    expect(findAudio(filesUnder(root))).toEqual([`${planted} (wav)`]);
  });
});
