/**
 * A speaking candidate as its own process, so it can run inside a network namespace
 * (`ip netns exec <ns> node --import tsx tests/helpers/netns-bot.ts <url> <token>`); see netns.ts.
 * Commands on stdin, one JSON object a line: {"say": text} | {"type": text} | {"leave": true}.
 * Events on stdout, one JSON object a line: connected, line (a recruiter caption), said, state
 * (the room's connection state), agent (the recruiter's `lk.agent.state`: speaking, listening…),
 * left, error.
 */
import { createInterface } from 'node:readline';
import { RoomEvent } from '@livekit/rtc-node';
import { SpeakingCandidate } from './bot-candidate.js';

const [url, token] = process.argv.slice(2);
const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...event, t: Date.now() })}\n`);

const bot = new SpeakingCandidate();
let reported = 0;
const reportLines = () => {
  for (; reported < bot.lines.length; reported += 1) emit({ event: 'line', ...bot.lines[reported] });
};

async function main(): Promise<void> {
  if (!url || !token) throw new Error('usage: netns-bot.ts <url> <token>');
  bot.room.on(RoomEvent.Reconnecting, () => emit({ event: 'state', state: 'reconnecting' }));
  bot.room.on(RoomEvent.Reconnected, () => emit({ event: 'state', state: 'reconnected' }));
  bot.room.on(RoomEvent.Disconnected, (reason) => emit({ event: 'state', state: 'disconnected', reason }));
  // The recruiter's state (agents-js publishes it as this attribute), so the driver waits for it to stop speaking.
  bot.room.on(RoomEvent.ParticipantAttributesChanged, (changed, participant) => {
    if (!participant.identity.startsWith('cand_') && changed['lk.agent.state']) emit({ event: 'agent', state: changed['lk.agent.state'] });
  });
  await bot.join(url, token);
  emit({ event: 'connected' });
  const timer = setInterval(reportLines, 100);
  for await (const raw of createInterface({ input: process.stdin })) {
    if (!raw.trim()) continue;
    const cmd = JSON.parse(raw) as { say?: string; type?: string; leave?: boolean; id?: number };
    if (cmd.say !== undefined) {
      await bot.say(cmd.say);
      emit({ event: 'said', id: cmd.id });
    } else if (cmd.type !== undefined) {
      await bot.type(cmd.type);
      emit({ event: 'said', id: cmd.id });
    } else if (cmd.leave) break;
  }
  clearInterval(timer);
  reportLines();
  await bot.leave();
  emit({ event: 'left' });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    emit({ event: 'error', message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  },
);
