import { PocketSphinxDecoder, type DecoderConfig } from './pocketsphinx-decoder.js';

/**
 * Decoders kept per configuration, counting those in use: one. A decoder holds ~95 MB (the
 * 130k-word dictionary, the trigram model and the search tree are loaded per decoder), and a
 * job process runs one interview with one STT stream, so a spare held beside the decoder in use
 * was a third of the job's memory and served nothing. A second stream in the same process (a
 * retry after an error) pays ps_init (~300 ms, off the event loop) instead.
 */
const DEFAULT_READY_TARGET = 1;

type DecoderFactory = (config: DecoderConfig) => Promise<PocketSphinxDecoder>;

/**
 * Keeps initialised decoders ready so a new STT stream never waits ~300 ms for ps_init on the
 * hot path. Idle decoders are topped up in the background until idle + in use reaches the target;
 * a returned decoder is freed, not reused.
 */
export class DecoderPool {
  readonly #config: DecoderConfig;
  readonly #readyTarget: number;
  readonly #create: DecoderFactory;
  readonly #idle: PocketSphinxDecoder[] = [];
  #inUse = 0;
  #pending = 0;
  #refill: Promise<void> | undefined;
  #lastError: unknown;

  constructor(config: DecoderConfig, readyTarget = DEFAULT_READY_TARGET, create: DecoderFactory = (c) => PocketSphinxDecoder.create(c)) {
    this.#config = config;
    this.#readyTarget = readyTarget;
    this.#create = create;
  }

  get inUseCount(): number {
    return this.#inUse;
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  /** Creates decoders until the idle target is met; rejects if the engine cannot start. */
  async warm(): Promise<void> {
    this.#startRefill();
    while (this.#refill) await this.#refill;
    if (this.#idle.length === 0 && this.#lastError) throw this.#lastError;
  }

  async acquire(): Promise<PocketSphinxDecoder> {
    this.#inUse += 1;
    const ready = this.#idle.pop();
    if (ready) return ready;
    try {
      return await this.#create(this.#config);
    } catch (err) {
      this.#inUse -= 1;
      throw err;
    }
  }

  /**
   * Takes a decoder back and frees it: a used decoder keeps acoustic state (CMN, noise and VAD
   * estimates) from its last stream, which garbled the next stream's first utterance. Fresh spares
   * are built off the event loop by the refill, so no stream waits on ps_init.
   */
  async release(decoder: PocketSphinxDecoder): Promise<void> {
    try {
      if (decoder.inUtterance) await decoder.endUtterance();
    } catch {
      /* its result is dropped either way */
    }
    decoder.free();
    this.#inUse = Math.max(0, this.#inUse - 1);
    this.#startRefill();
  }

  close(): void {
    for (const d of this.#idle.splice(0)) d.free();
  }

  #wanted(): boolean {
    return this.#idle.length + this.#pending + this.#inUse < this.#readyTarget;
  }

  #startRefill(): void {
    if (this.#refill || !this.#wanted()) return;
    this.#refill = (async () => {
      try {
        while (this.#wanted()) {
          this.#pending += 1;
          try {
            this.#idle.push(await this.#create(this.#config));
            this.#lastError = undefined;
          } catch (err) {
            this.#lastError = err;
            return;
          } finally {
            this.#pending -= 1;
          }
        }
      } finally {
        this.#refill = undefined;
      }
    })();
  }
}

const pools = new Map<string, DecoderPool>();

/** One pool per distinct model/config per process. */
export function getDecoderPool(config: DecoderConfig): DecoderPool {
  const key = JSON.stringify(config);
  let pool = pools.get(key);
  if (!pool) {
    pool = new DecoderPool(config);
    pools.set(key, pool);
  }
  return pool;
}
