/**
 * A candidate bot for cross-process tests that answer by typing: joins the room with a token from
 * the API (@livekit/rtc-node), publishes a (silent) microphone track as a browser would, reads the
 * recruiter's captions and sends typed answers on the chat topic the agent reads.
 */
import { AudioSource, LocalAudioTrack, Room, TrackPublishOptions, TrackSource, type TextStreamReader } from '@livekit/rtc-node';

const SAMPLE_RATE = 48_000;

export class TypingCandidate {
  readonly room = new Room();
  /** Caption lines from the recruiter: when each stream opened (speech began) and was complete. */
  readonly lines: { text: string; openedAt: number; at: number }[] = [];
  private source = new AudioSource(SAMPLE_RATE, 1);
  private waiters: (() => void)[] = [];

  async join(url: string, token: string): Promise<void> {
    this.room.registerTextStreamHandler('lk.transcription', (reader: TextStreamReader, participant) => {
      const openedAt = Date.now();
      void reader.readAll().then((text) => {
        if (participant.identity.startsWith('cand_') || text.trim() === '') return;
        this.lines.push({ text: text.trim(), openedAt, at: Date.now() });
        for (const w of this.waiters.splice(0)) w();
      });
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

  async leave(): Promise<void> {
    if (this.room.isConnected) await this.room.disconnect();
  }
}
