/** Draws ids until one is new, so generated ids never collide within a dataset. */
export class UniqueIds {
  private readonly used: Set<string>;

  /** `reserved` ids are never handed out (e.g. the ids a booking tool assigns to new records). */
  constructor(reserved: readonly string[] = []) {
    this.used = new Set(reserved);
  }

  draw(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw new RangeError('could not draw a new id after 1000 attempts');
  }
}
