/** One printed figure of a benchmark, with the target it is held to. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "< 1" — printed beside the value with a pass/miss mark. */
  target?: { comparison: '<' | '>='; value: number };
  note?: string;
}

export function formatFigure(figure: BenchFigure): string {
  const value = figure.value >= 100 ? figure.value.toFixed(0) : figure.value.toPrecision(3);
  let line = `  ${figure.name.padEnd(58)} ${value.padStart(10)} ${figure.unit}`;
  if (figure.target) {
    const met = figure.target.comparison === '<' ? figure.value < figure.target.value : figure.value >= figure.target.value;
    line += `   target ${figure.target.comparison} ${figure.target.value} ${figure.unit}: ${met ? 'met' : 'MISSED'}`;
  }
  if (figure.note) line += `  (${figure.note})`;
  return line;
}

/** Median of a list of samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
