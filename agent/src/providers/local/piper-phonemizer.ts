/**
 * Text → Piper phoneme ids, the way Piper's own phonemizer (piper-phonemize) does it: eSpeak NG
 * IPA per clause, Unicode NFD, language-switch flags such as "(fr)" dropped, the clause's
 * punctuation appended as a phoneme (", " ": " "; " add a space; ". " "? " "! " end a sentence),
 * then BOS "^", PAD "_", every phoneme followed by PAD, EOS "$".
 *
 * Piper links a patched eSpeak with espeak_TextToPhonemesWithTerminator to learn each clause's
 * punctuation; Debian's libespeak-ng has only espeak_TextToPhonemes, so the clauses are cut here
 * at the same punctuation and each is phonemized on its own.
 */
import koffi from 'koffi';
import { espeakMutex, loadEspeak } from './espeak-engine.js';
import { LocalSpeechEngineError } from './errors.js';
import { loadSharedLibrary, type NativeFunction } from './native-loader.js';
import type { PiperVoiceConfig } from './piper-voice.js';

export const PAD = '_';
export const BOS = '^';
export const EOS = '$';

// speak_lib.h (eSpeak NG 1.51).
const ESPEAK_CHARS_UTF8 = 1;
/** espeak_TextToPhonemes phonememode bit 1: IPA as UTF-8. */
const PHONEMES_IPA = 0x02;
const EE_OK = 0;

export type ClausePunctuation = '.' | '?' | '!' | ',' | ':' | ';' | '';

export interface Clause {
  text: string;
  punctuation: ClausePunctuation;
}

/** Periods after these words (or after one letter) abbreviate; they do not end a clause. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co']);
/** Clause punctuation, optional closing quotes or brackets, then whitespace or the end. */
const CLAUSE_END = /([.,;:!?]+)["'\u201d\u2019)\]]*(?=\s|$)/g;

function punctuationOf(run: string): ClausePunctuation {
  if (run.includes('?')) return '?';
  if (run.includes('!')) return '!';
  if (run.includes('.')) return '.';
  return run.at(-1) as ClausePunctuation;
}

/** Cuts text into clauses at punctuation followed by whitespace (so "3.5" and "e.g.," stay whole). */
export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(text); m; m = CLAUSE_END.exec(text)) {
    const run = m[1] ?? '';
    const body = text.slice(start, m.index);
    if (run === '.') {
      const word = /(\S+)$/.exec(body)?.[1]?.toLowerCase() ?? '';
      if (word.length === 1 || ABBREVIATIONS.has(word)) continue;
    }
    if (body.trim()) clauses.push({ text: body.trim(), punctuation: punctuationOf(run) });
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) clauses.push({ text: rest, punctuation: '' });
  return clauses;
}

/** Joins clause IPA into one phoneme sequence (code points) with Piper's punctuation phonemes. */
export function clausePhonemes(clauses: { ipa: string; punctuation: ClausePunctuation }[], cfg: Pick<PiperVoiceConfig, 'phonemeMap'>): string[] {
  const out: string[] = [];
  clauses.forEach(({ ipa, punctuation }, i) => {
    // NFD splits e.g. "ç" into "c" + U+0327, as the id map expects; "(en)"-style language flags go.
    const cleaned = ipa.normalize('NFD').replace(/\([^)]*\)/g, '');
    for (const cp of cleaned) {
      const mapped = cfg.phonemeMap.get(cp);
      if (mapped) out.push(...mapped);
      else out.push(cp);
    }
    if (punctuation) out.push(punctuation);
    // Piper puts a space after , : ; always; sentences it would synthesise apart are joined by one here.
    if (punctuation === ',' || punctuation === ':' || punctuation === ';' || i < clauses.length - 1) out.push(' ');
  });
  return out;
}

/** Piper's ids: BOS, PAD, then every known phoneme followed by PAD, then EOS. Unknown phonemes are skipped. */
export function phonemesToIds(phonemes: readonly string[], cfg: Pick<PiperVoiceConfig, 'phonemeIdMap'>): number[] {
  const id = (p: string): readonly number[] => cfg.phonemeIdMap.get(p) ?? [];
  const pad = id(PAD);
  const ids: number[] = [...id(BOS), ...pad];
  for (const p of phonemes) {
    const mapped = cfg.phonemeIdMap.get(p);
    if (!mapped) continue;
    ids.push(...mapped, ...pad);
  }
  ids.push(...id(EOS));
  return ids;
}

interface PhonemizerApi {
  textToPhonemes: NativeFunction;
  setVoiceByName: NativeFunction;
}

const GLOBAL_KEY = Symbol.for('mockroom.local.espeak.phonemes');
const globals = globalThis as unknown as Record<symbol, PhonemizerApi | undefined>;

function loadPhonemizer(): PhonemizerApi {
  const existing = globals[GLOBAL_KEY];
  if (existing) return existing;
  // Initialises eSpeak once per process; the same library handle is opened again for one more function.
  loadEspeak();
  const lib = loadSharedLibrary('libespeak-ng.so.1', 'libespeak-ng1');
  const api: PhonemizerApi = {
    // The first argument is `const void **`: eSpeak advances it clause by clause and sets it to NULL at the end.
    textToPhonemes: lib.func('const char *espeak_TextToPhonemes(void *textptr, int textmode, int phonememode)'),
    setVoiceByName: lib.func('int espeak_SetVoiceByName(const char *name)'),
  };
  globals[GLOBAL_KEY] = api;
  return api;
}

/** eSpeak IPA for one clause (eSpeak may cut it further; the parts are joined by a space). */
function clauseIpa(api: PhonemizerApi, text: string): string {
  const bytes = Buffer.from(`${text}\0`, 'utf8');
  const buf = koffi.alloc('uint8_t', bytes.length);
  const cursor = koffi.alloc('void *', 1);
  try {
    koffi.encode(buf, 'uint8_t', Array.from(bytes), bytes.length);
    koffi.encode(cursor, 'void *', buf);
    const parts: string[] = [];
    // Each call consumes at least one clause; the bound only guards against a library bug.
    for (let i = 0; i <= bytes.length; i++) {
      const ipa = api.textToPhonemes(cursor, ESPEAK_CHARS_UTF8, PHONEMES_IPA) as string | null;
      if (ipa?.trim()) parts.push(ipa.trim());
      if (koffi.decode(cursor, 'void *') === null) break;
    }
    return parts.join(' ');
  } finally {
    koffi.free(cursor);
    koffi.free(buf);
  }
}

/** Phonemizes one text for a voice into the ids its model takes. */
export async function piperPhonemeIds(text: string, cfg: PiperVoiceConfig): Promise<number[]> {
  const clauses = splitClauses(text);
  if (clauses.length === 0) return [];
  const api = loadPhonemizer();
  const ipa = await espeakMutex.run(() => {
    // The voice is process-wide in eSpeak (EspeakEngine sets its own before each synthesis).
    if (api.setVoiceByName(cfg.espeakVoice) !== EE_OK) throw new LocalSpeechEngineError('eSpeak NG does not know the Piper voice\'s eSpeak voice');
    return clauses.map((c) => ({ ipa: clauseIpa(api, c.text), punctuation: c.punctuation }));
  });
  const phonemes = clausePhonemes(ipa, cfg);
  return phonemes.some((p) => p !== ' ' && cfg.phonemeIdMap.has(p)) ? phonemesToIds(phonemes, cfg) : [];
}
