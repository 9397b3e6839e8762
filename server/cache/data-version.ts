import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The warehouse data version (`data_version`), read at most every `ttlMs`, combined with a
 * local generation bumped whenever this process knows data changed (an event, an ingest, an
 * acknowledgement), so caches and ETags change at once for changes made here.
 */
export class DataVersion {
  private cached: { version: number; key: string; at: number } | undefined;
  private generation = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  bump(): void {
    this.generation++;
    this.cached = undefined;
  }

  async current(): Promise<{ version: number; key: string }> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached;
    const reader = await this.connection.runAndReadAll(
      "SELECT version, strftime(changed_at, '%Y%m%d%H%M%S%f') AS changed FROM data_version WHERE id = 1",
    );
    const row = reader.getRows()[0];
    const version = Number(row?.[0] ?? 0);
    this.cached = {
      version,
      key: `${version}.${String(row?.[1] ?? '')}.${this.generation}`,
      at: now,
    };
    return this.cached;
  }
}
