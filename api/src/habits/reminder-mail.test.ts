import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { createResendMailer } from '../lib/mailer.js';
import { reminderEmail } from './reminders.js';
import { createUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

/** A loopback stand-in for Resend's POST /emails that records what it was sent. */
const received: { auth: string | undefined; body: Record<string, unknown> }[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  received.push({ auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
  res.writeHead(req.url === '/emails' ? 200 : 404, { 'content-type': 'application/json' }).end('{"id":"fake"}');
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const secret = new TextEncoder().encode('x'.repeat(40));
const userId = '2f1c6a56-4bd4-4c8a-9d1e-0b6c2f1a7e11';

describe('streak reminder email', () => {
  it('reaches Resend with the one-click unsubscribe headers and the settings link', async () => {
    const token = createUnsubscribeToken(secret, userId);
    const mailer = createResendMailer({ apiKey: 're_test_key', from: 'Mockroom <practice@example.test>', baseUrl }, createLogger({ level: 'silent' }));
    await mailer.send(reminderEmail({ appBaseUrl: 'https://mockroom.example.test', to: 'person@example.test', userId, token, streak: 4 }));
    expect(received).toHaveLength(1);
    const { auth, body } = received[0]!;
    expect(auth).toBe('Bearer re_test_key');
    expect(body.to).toEqual(['person@example.test']);
    expect(body.subject).toBe('Keep your 4-day practice streak going');
    expect(body.headers).toEqual({
      'List-Unsubscribe': `<https://mockroom.example.test/api/reminders/unsubscribe?token=${encodeURIComponent(token)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(String(body.text)).toContain('https://mockroom.example.test/#/settings');
  });

  it('accepts only a token signed with the server secret for that user', () => {
    const token = createUnsubscribeToken(secret, userId);
    expect(verifyUnsubscribeToken(secret, token)).toBe(userId);
    expect(verifyUnsubscribeToken(new TextEncoder().encode('y'.repeat(40)), token)).toBeNull();
    const otherUser = '9a1c6a56-4bd4-4c8a-9d1e-0b6c2f1a7e11';
    expect(verifyUnsubscribeToken(secret, `${otherUser}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${userId}.`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'garbage')).toBeNull();
  });
});
