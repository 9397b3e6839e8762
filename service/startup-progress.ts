import type { StartupState } from '../server/index.js';
import type { Logger } from '../pipelines/feeds/feed.js';

/** Where the start-up stands: the service answers from the first moment, data follows. */
export type Startup = StartupState;

/** Keeps the start-up phase for /api/health and the pages, and logs it (every 10% of files). */
export class StartupProgress {
  private state: Startup = {
    phase: 'starting',
    filesDone: 0,
    filesTotal: 0,
    since: new Date().toISOString(),
  };
  private lastShare = -1;

  constructor(private readonly log: Logger) {}

  current(): Startup {
    return { ...this.state };
  }

  set(step: { phase: Startup['phase'] | 'done'; filesDone?: number; filesTotal?: number }): void {
    const phase = step.phase === 'done' ? 'ready' : step.phase;
    const changed = phase !== this.state.phase;
    this.state = {
      phase,
      filesDone: step.filesDone ?? this.state.filesDone,
      filesTotal: step.filesTotal ?? this.state.filesTotal,
      since: changed ? new Date().toISOString() : this.state.since,
    };
    if (phase === 'loading' && this.state.filesTotal > 0) {
      const share = Math.floor((this.state.filesDone / this.state.filesTotal) * 10);
      if (share !== this.lastShare) {
        this.lastShare = share;
        this.log.info(
          `loading the history: ${this.state.filesDone} of ${this.state.filesTotal} files`,
        );
      }
    } else if (changed) {
      this.log.info(
        phase === 'rebuilding'
          ? 'building the models over the history'
          : phase === 'ready'
            ? 'history loaded: the observatory is up to date'
            : `start-up: ${phase}`,
      );
    }
  }
}
