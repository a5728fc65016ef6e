/**
 * The agent's spool: records the API could not take, kept on local disk until it can. Append-only
 * JSON lines, one file per interview; a replay claims a file by renaming it (so several processes
 * may replay one folder at once, and a dead process's claim is taken over), hands each record to
 * the caller's delivery in order, and puts back what is left under a fresh name. Delivery is
 * exactly-once at the API because every record carries an idempotent key (turn id; metrics by
 * turn; the end by interview). See docs/decisions on the spool.
 */
import { appendFile, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@livekit/agents';

const SPOOL_SUFFIX = '.jsonl';

/** A dead process's claim on a spool file can be taken over. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class Spool<T> {
  constructor(
    readonly dir: string,
    /** The file a record belongs in (one per interview), as a safe file-name stem. */
    private readonly fileOf: (record: T) => string,
  ) {}

  // Resolved on use: the framework's logger exists only once cli.runApp has set it up.
  private get logger() {
    return log().child({ component: 'spool' });
  }

  async append(record: T): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(join(this.dir, `${encodeURIComponent(this.fileOf(record))}${SPOOL_SUFFIX}`), `${JSON.stringify(record)}\n`);
  }

  /**
   * Replays every spool file in the folder. `deliver` resolves when the record is done with
   * (delivered, or refused for good and dropped) and throws when it should be kept (the destination
   * is down); the file's remaining records are then kept without trying them.
   */
  async replay(deliver: (record: T) => Promise<void>): Promise<{ replayed: number; remaining: number }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { replayed: 0, remaining: 0 };
    }
    let replayed = 0;
    let remaining = 0;
    for (const name of names) {
      const claimed = await this.claim(name);
      if (!claimed) continue;
      const lines = (await readFile(claimed, 'utf8')).split('\n').filter((l) => l.trim() !== '');
      const left: string[] = [];
      for (const line of lines) {
        if (left.length > 0) {
          left.push(line);
          continue;
        }
        let record: T;
        try {
          record = JSON.parse(line) as T;
        } catch {
          this.logger.warn('skipping a corrupt spool line');
          continue;
        }
        try {
          await deliver(record);
          replayed += 1;
        } catch {
          left.push(line);
        }
      }
      if (left.length > 0) {
        remaining += left.length;
        // Put back what is left under a fresh name; appends that arrived meanwhile stay separate.
        await appendFile(join(this.dir, `${Date.now()}-${process.pid}-rest${SPOOL_SUFFIX}`), `${left.join('\n')}\n`);
      }
      await unlink(claimed).catch(() => undefined);
    }
    return { replayed, remaining };
  }

  private async claim(name: string): Promise<string | null> {
    let from: string | null = null;
    if (name.endsWith(SPOOL_SUFFIX)) from = name;
    else {
      const m = /\.replaying-(\d+)$/.exec(name);
      if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) from = name.replace(/\.replaying-\d+$/, '');
    }
    if (from === null) return null;
    const target = join(this.dir, `${from}.replaying-${process.pid}`);
    try {
      await rename(join(this.dir, name), target);
      return target;
    } catch {
      return null;
    }
  }
}
