/** A serialised response, ready to send again. */
export interface CachedResponse {
  body: Uint8Array | string;
  contentType: string;
  rows: number;
  headers: Record<string, string>;
  /** The ETag it was sent with. */
  etag?: string;
  /** Every header a hit is sent with (content type, ETag, caching, disclosure, links). */
  responseHeaders?: Record<string, string>;
}

function sizeOf(entry: CachedResponse): number {
  return typeof entry.body === 'string' ? entry.body.length * 2 : entry.body.byteLength;
}

/** Least-recently-used cache of serialised responses, bounded by entries and bytes. */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    const size = sizeOf(entry);
    if (size > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= sizeOf(old);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.bytes -= sizeOf(this.entries.get(oldest)!);
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
