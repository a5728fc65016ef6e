/**
 * Candidate bots for cross-process tests: join the room with a token from the API
 * (@livekit/rtc-node), publish a microphone track as a browser would, read the recruiter's captions
 * and send typed answers on the chat topic the agent reads. TypingCandidate's microphone stays
 * silent; SpeakingCandidate also answers by voice (Flite-spoken, streamed in real time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioFrame, AudioSource, LocalAudioTrack, Room, TrackPublishOptions, TrackSource, type TextStreamReader } from '@livekit/rtc-node';

const SAMPLE_RATE = 48_000;

export class TypingCandidate {
  readonly room = new Room();
  /** Caption lines from the recruiter: when each stream opened (speech began) and was complete. */
  readonly lines: { text: string; openedAt: number; at: number }[] = [];
  protected source = new AudioSource(SAMPLE_RATE, 1);
  private waiters: (() => void)[] = [];

  async join(url: string, token: string): Promise<void> {
    this.room.registerTextStreamHandler('lk.transcription', (reader: TextStreamReader, participant) => {
      const openedAt = Date.now();
      void reader.readAll().then((text) => {
        if (participant.identity.startsWith('cand_') || text.trim() === '') return;
        this.lines.push({ text: text.trim(), openedAt, at: Date.now() });
        for (const w of this.waiters.splice(0)) w();
      }, () => undefined); // A caption cut off by the speaker's disconnect (a crash, a restart) is no line.
    });
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    const track = LocalAudioTrack.createAudioTrack('mic', this.source);
    const opts = new TrackPublishOptions();
    opts.source = TrackSource.SOURCE_MICROPHONE;
    await this.room.localParticipant!.publishTrack(track, opts);
  }

  /** Waits until the recruiter has said more than `count` caption lines; returns the new ones joined. */
  async waitForLines(count: number, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length <= count) {
      if (Date.now() > deadline) throw new Error(`recruiter said nothing new within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250);
      });
    }
    return this.lines
      .slice(count)
      .map((l) => l.text)
      .join(' ');
  }

  async type(text: string): Promise<void> {
    await this.room.localParticipant!.sendText(text, { topic: 'lk.chat' });
  }

  /** Types an answer and waits for the recruiter's next words; returns them. */
  async typeAndHearReply(text: string, timeoutMs?: number): Promise<string> {
    const seen = this.lines.length;
    await this.type(text);
    return this.waitForLines(seen, timeoutMs);
  }

  async leave(): Promise<void> {
    if (this.room.isConnected) await this.room.disconnect();
  }
}

/**
 * Flite speaks the sentence; sox resamples to 48 kHz mono 16-bit; returns raw PCM samples.
 * The voice is "slt", a 16 kHz build: Flite's default "kal" is an 8 kHz diphone voice, telephone
 * band only, and the wideband en-us PocketSphinx model hears it as noise ("I fixed the database."
 * → "ah what a debate on" even with pocketsphinx_continuous on the file). A browser microphone is
 * wideband, so slt is the honest stand-in.
 */
function speak(text: string): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'bot-voice-'));
  const raw = join(dir, 'raw.wav');
  const pcm = join(dir, 'out.raw');
  execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', raw]);
  execFileSync('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', pcm]);
  const buf = readFileSync(pcm);
  return new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 2));
}

export class SpeakingCandidate extends TypingCandidate {
  /** Speaks the text into the microphone track in real time, then a second of silence. */
  async say(text: string): Promise<void> {
    const samples = speak(text);
    const frame = SAMPLE_RATE / 100;
    const silence = new Int16Array(SAMPLE_RATE);
    const all = new Int16Array(samples.length + silence.length);
    all.set(samples);
    for (let i = 0; i < all.length; i += frame) {
      const chunk = new Int16Array(frame);
      chunk.set(all.subarray(i, Math.min(i + frame, all.length)));
      await this.source.captureFrame(new AudioFrame(chunk, SAMPLE_RATE, 1, frame));
    }
  }
}
