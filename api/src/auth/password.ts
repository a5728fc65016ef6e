/**
 * Passwords, per NIST SP 800-63B and OWASP: at least 8 characters, up to 128, no composition
 * rules, rejected when on a list of common passwords; hashed with argon2id at OWASP's minimum
 * (m = 19 MiB, t = 2, p = 1).
 */
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_CHARS = 8;
export const MAX_PASSWORD_CHARS = 128;

const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What a person typed as one character (an emoji with skin tone or a family is one, not up to 11 code points). */
function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

export function checkPassword(password: string, context: { email?: string; displayName?: string } = {}): PasswordProblem | null {
  // The minimum counts characters as typed (graphemes); the maximum counts code points, which bound hashing work.
  const typed = graphemes(password.normalize('NFKC'));
  if (typed.length < MIN_PASSWORD_CHARS) return 'too_short';
  if ([...password].length > MAX_PASSWORD_CHARS) return 'too_long';
  const lower = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'too_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return 'too_common';
  // One character repeated, whatever the script: "aaaaaaaa" and eight of the same emoji alike.
  if (new Set(typed.map((g) => g.toLowerCase())).size === 1) return 'too_common';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real verification, so an unknown email answers as slowly as a known one. */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password for timing equalisation');
  await verifyPassword(await dummyHash, password);
  return false;
}
