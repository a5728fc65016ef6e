/**
 * Group commit: concurrent submissions under one key are coalesced into one call of `run`
 * (one transaction, one multi-row statement) instead of one transaction each.
 *
 * - A submission waits for the next turn of the event loop (setImmediate), so requests parsed in
 *   the same I/O phase share a batch; an idle key adds no timer delay beyond that.
 * - At most one batch per key is in flight; submissions arriving meanwhile form the next batch.
 *   Batches of one key therefore run in submission order, and items within a batch keep it.
 * - `run` answers one result per item, in order. If it throws, every waiter of that batch gets the
 *   error (run is expected to be one transaction, so nothing of the batch is kept).
 */
export type BatchRunner<K, I, O> = (key: K, items: I[]) => Promise<O[]>;

interface Waiter<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

interface KeyState<I, O> {
  queue: Waiter<I, O>[];
  busy: boolean;
}

export class KeyedBatcher<K, I, O> {
  private readonly keys = new Map<K, KeyState<I, O>>();

  constructor(
    private readonly run: BatchRunner<K, I, O>,
    private readonly maxBatch = 100,
  ) {}

  submit(key: K, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let state = this.keys.get(key);
      if (!state) {
        state = { queue: [], busy: false };
        this.keys.set(key, state);
      }
      state.queue.push({ item, resolve, reject });
      if (!state.busy) {
        state.busy = true;
        setImmediate(() => void this.drain(key, state));
      }
    });
  }

  private async drain(key: K, state: KeyState<I, O>): Promise<void> {
    while (state.queue.length > 0) {
      const batch = state.queue.splice(0, this.maxBatch);
      try {
        const results = await this.run(key, batch.map((w) => w.item));
        if (results.length !== batch.length) throw new Error(`batch runner answered ${results.length} results for ${batch.length} items`);
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    state.busy = false;
    this.keys.delete(key);
  }
}
