import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The warehouse data version (`data_version`), read at most every `ttlMs`, combined with a
 * local generation bumped whenever this process knows data changed (an event, an ingest, an
 * acknowledgement), so caches and ETags change at once for changes made here. Requests that
 * arrive while it is being read share that one read.
 */
export class DataVersion {
  private cached: { version: number; key: string; at: number } | undefined;
  private reading: Promise<{ version: number; key: string }> | undefined;
  private generation = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  bump(): void {
    this.generation++;
    this.cached = undefined;
    this.reading = undefined;
  }

  current(): Promise<{ version: number; key: string }> | { version: number; key: string } {
    const now = this.clock();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached;
    if (this.reading) return this.reading;
    const generation = this.generation;
    const reading = this.read(now, generation).finally(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    this.reading = reading;
    return reading;
  }

  private async read(at: number, generation: number): Promise<{ version: number; key: string }> {
    const reader = await this.connection.runAndReadAll(
      "SELECT version, strftime(changed_at, '%Y%m%d%H%M%S%f') AS changed FROM data_version WHERE id = 1",
    );
    const row = reader.getRows()[0];
    const version = Number(row?.[0] ?? 0);
    const read = { version, key: `${version}.${String(row?.[1] ?? '')}.${generation}`, at };
    // A bump while reading makes this answer stale: it is returned but not kept.
    if (generation === this.generation) this.cached = read;
    return read;
  }
}
