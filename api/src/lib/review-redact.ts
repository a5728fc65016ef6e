/**
 * Pseudonymised transcripts: the recruiter greets the candidate by name ("Hi Ada, …"), so a share
 * shown under a pseudonym replaces the candidate's name in the text. Comments anchor to character
 * offsets, and the candidate reads them against the original text, so offsets travel both ways
 * through the same replacement map.
 */

export const NAME_PLACEHOLDER = '[candidate]';

export interface Redaction {
  text: string;
  /** Replacements in order: [start, end) in the original and in the redacted text. */
  spans: { from: number; to: number; rFrom: number; rTo: number }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words to hide: the whole name and each part of it of two letters or more. */
export function nameTerms(displayName: string | null | undefined): string[] {
  if (!displayName) return [];
  const full = displayName.trim();
  const parts = full.split(/\s+/).filter((p) => [...p].length >= 2);
  return [...new Set([full, ...parts].filter(Boolean))].sort((a, b) => b.length - a.length);
}

export function redact(text: string, terms: readonly string[]): Redaction {
  if (terms.length === 0) return { text, spans: [] };
  // Whole words only, any case: "Ada" but not "Adam" or "Canada".
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const spans: Redaction['spans'] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const from = m.index;
    out += text.slice(last, from);
    const rFrom = out.length;
    out += NAME_PLACEHOLDER;
    spans.push({ from, to: from + m[0].length, rFrom, rTo: out.length });
    last = from + m[0].length;
  }
  return { text: out + text.slice(last), spans };
}

/** An offset in the redacted text → the original; inside a placeholder it snaps to the name's edge. */
export function toOriginalOffset(r: Redaction, offset: number, edge: 'start' | 'end'): number {
  let shift = 0;
  for (const s of r.spans) {
    if (offset <= s.rFrom) break;
    if (offset < s.rTo) return edge === 'start' ? s.from : s.to;
    shift = s.to - s.rTo;
  }
  return offset + shift;
}

/** An offset in the original text → the redacted one; inside a name it snaps to the placeholder's edge. */
export function toRedactedOffset(r: Redaction, offset: number, edge: 'start' | 'end'): number {
  let shift = 0;
  for (const s of r.spans) {
    if (offset <= s.from) break;
    if (offset < s.to) return edge === 'start' ? s.rFrom : s.rTo;
    shift = s.rTo - s.to;
  }
  return offset + shift;
}
