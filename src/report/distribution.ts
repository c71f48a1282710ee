import type { Distribution } from './report-data.ts';

/** Min, mean, max and histogram of counts, accumulated one value at a time. */
export class DistributionCounter {
  readonly #histogram = new Map<number, number>();
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  add(value: number): void {
    this.#count++;
    this.#sum += value;
    this.#min = Math.min(this.#min, value);
    this.#max = Math.max(this.#max, value);
    this.#histogram.set(value, (this.#histogram.get(value) ?? 0) + 1);
  }

  result(): Distribution {
    if (this.#count === 0) return { count: 0, min: null, mean: null, max: null, histogram: [] };
    return { count: this.#count, min: this.#min, mean: this.#sum / this.#count, max: this.#max, histogram: [...this.#histogram.entries()].sort(([left], [right]) => left - right) };
  }
}
