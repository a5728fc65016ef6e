/**
 * Reads Moonshine's `tokenizer.bin` (the binary vocabulary shipped with moonshine-cpp) and turns
 * token ids back into text. The file is a list of length-prefixed byte strings, the token id being
 * the entry's index: a first byte of 0 is an empty entry, 1..127 is the byte count, 128 and above
 * starts a two-byte count (second * 128 + first - 128), as moonshine-cpp's BinTokenizer reads it.
 */
import { readFileSync } from 'node:fs';

/** SentencePiece's word-boundary mark, which stands for a space in the vocabulary. */
const SPACE_MARK = '\u2581';

export class MoonshineTokenizer {
  readonly #tokens: Uint8Array[];
  readonly #special: Set<number>;

  constructor(tokens: Uint8Array[]) {
    this.#tokens = tokens;
    const decoder = new TextDecoder();
    // `<unk>`, `<s>`, `</s>` and any other `<...>` control entries are never text.
    this.#special = new Set(
      tokens.flatMap((bytes, id) => {
        const s = decoder.decode(bytes);
        return /^<[^<>\s]+>$/.test(s) ? [id] : [];
      }),
    );
  }

  static fromFile(path: string): MoonshineTokenizer {
    return MoonshineTokenizer.fromBytes(readFileSync(path));
  }

  static fromBytes(data: Uint8Array): MoonshineTokenizer {
    const tokens: Uint8Array[] = [];
    let i = 0;
    while (i < data.length) {
      const first = data[i]!;
      i += 1;
      if (first === 0) {
        tokens.push(new Uint8Array(0));
        continue;
      }
      let length = first;
      if (first >= 128) {
        if (i >= data.length) throw new Error('tokenizer.bin: truncated length');
        length = data[i]! * 128 + first - 128;
        i += 1;
      }
      if (i + length > data.length) throw new Error('tokenizer.bin: truncated entry');
      tokens.push(data.slice(i, i + length));
      i += length;
    }
    return new MoonshineTokenizer(tokens);
  }

  get size(): number {
    return this.#tokens.length;
  }

  isSpecial(id: number): boolean {
    return this.#special.has(id);
  }

  /** Text of a token sequence: control tokens dropped, byte tokens joined before UTF-8 decoding. */
  decode(ids: readonly number[]): string {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (const id of ids) {
      const bytes = this.#tokens[id];
      if (!bytes || this.#special.has(id)) continue;
      parts.push(bytes);
      length += bytes.length;
    }
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const p of parts) {
      joined.set(p, offset);
      offset += p.length;
    }
    return new TextDecoder().decode(joined).replaceAll(SPACE_MARK, ' ').replace(/\s+/g, ' ').trim();
  }
}
