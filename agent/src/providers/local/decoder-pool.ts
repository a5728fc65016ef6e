import { PocketSphinxDecoder, type DecoderConfig } from './pocketsphinx-decoder.js';

/** Idle decoders kept ready per configuration, for the next call. */
const DEFAULT_IDLE_TARGET = 1;

/**
 * Keeps initialised decoders ready so a new STT stream never waits ~300 ms for ps_init on the
 * hot path. Taking one triggers a background refill; returning one resets and keeps it.
 */
export class DecoderPool {
  readonly #config: DecoderConfig;
  readonly #idleTarget: number;
  readonly #idle: PocketSphinxDecoder[] = [];
  #pending = 0;
  #refill: Promise<void> | undefined;
  #lastError: unknown;

  constructor(config: DecoderConfig, idleTarget = DEFAULT_IDLE_TARGET) {
    this.#config = config;
    this.#idleTarget = idleTarget;
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
    const ready = this.#idle.pop();
    if (ready) {
      this.#startRefill();
      return ready;
    }
    const decoder = await PocketSphinxDecoder.create(this.#config);
    this.#startRefill();
    return decoder;
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
    this.#startRefill();
  }

  close(): void {
    for (const d of this.#idle.splice(0)) d.free();
  }

  #startRefill(): void {
    if (this.#refill || this.#idle.length + this.#pending >= this.#idleTarget) return;
    this.#refill = (async () => {
      try {
        while (this.#idle.length + this.#pending < this.#idleTarget) {
          this.#pending += 1;
          try {
            this.#idle.push(await PocketSphinxDecoder.create(this.#config));
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
