import { describe, expect, it } from 'vitest';
import { nameTerms, NAME_PLACEHOLDER, redact, toOriginalOffset, toRedactedOffset } from './review-redact.js';

describe('redact', () => {
  const terms = nameTerms('Ada Lovelace');

  it('replaces the whole name and each part, in any case, as whole words only', () => {
    const r = redact('Hi Ada, welcome. ADA LOVELACE? Adam from Canada met lovelace.', terms);
    expect(r.text).toBe(`Hi ${NAME_PLACEHOLDER}, welcome. ${NAME_PLACEHOLDER}? Adam from Canada met ${NAME_PLACEHOLDER}.`);
  });

  it('leaves text without the name, or with no name to hide, as it was', () => {
    expect(redact('I built a queue.', terms)).toEqual({ text: 'I built a queue.', spans: [] });
    expect(redact('Hi Ada', nameTerms(''))).toEqual({ text: 'Hi Ada', spans: [] });
    expect(nameTerms('Jo X')).toEqual(['Jo X', 'Jo']);
  });

  it('maps a span chosen in the redacted text back onto the same words of the original', () => {
    const original = 'Hi Ada, tell me about a project you led.';
    const r = redact(original, terms);
    const start = r.text.indexOf('tell me');
    const end = start + 'tell me'.length;
    const o = [toOriginalOffset(r, start, 'start'), toOriginalOffset(r, end, 'end')] as const;
    expect(original.slice(o[0], o[1])).toBe('tell me');
    expect(r.text.slice(toRedactedOffset(r, o[0], 'start'), toRedactedOffset(r, o[1], 'end'))).toBe('tell me');
    // A span that starts inside the placeholder covers the whole name.
    const inside = r.text.indexOf(NAME_PLACEHOLDER) + 2;
    expect(original.slice(toOriginalOffset(r, inside, 'start'), toOriginalOffset(r, r.text.indexOf(','), 'end'))).toBe('Ada');
  });
});
