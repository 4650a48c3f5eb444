/**
 * The simulator's memory, bounded: oldest entries go first, so a long
 * soak (tens of thousands of payments) keeps a flat footprint.
 */

/** A Map that forgets its oldest entries beyond `limit`. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('limit must be at least 1');
  }
  get size(): number {
    return this.entries.size;
  }
  get(key: K): V | undefined {
    return this.entries.get(key);
  }
  has(key: K): boolean {
    return this.entries.has(key);
  }
  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
  /** Changes a value in place without making it the newest. */
  update(key: K, change: (value: V) => V): void {
    const value = this.entries.get(key);
    if (value !== undefined) this.entries.set(key, change(value));
  }
  delete(key: K): boolean {
    return this.entries.delete(key);
  }
  values(): IterableIterator<V> {
    return this.entries.values();
  }
  clear(): void {
    this.entries.clear();
  }
}
