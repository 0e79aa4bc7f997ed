// A HistoryEngine owned by a test, with the stats of its last read: tests read
// many histories in a row and assert what one call cost, or start again from
// the disk cache (a new engine: nothing in memory).
import { HistoryEngine, type History, type HistoryOptions, type HistoryStats } from '../../../src/core/history';

export class TestHistory {
  engine = new HistoryEngine();
  /** The stats of the last read through this object. */
  stats?: HistoryStats;

  async read(root: string, opts?: HistoryOptions): Promise<History> {
    const r = await this.engine.read(root, opts);
    this.stats = r.stats;
    return r.history;
  }

  /** Drop what the engine holds in memory: the next read starts from the disk cache (as a new process would). */
  forget(): void {
    this.engine = new HistoryEngine();
  }
}
