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

/**
 * The closing line of a benchmark section: one target, the figure measured, the reference it is compared
 * with (measured in the same run, never a constant from elsewhere) and their ratio against the limit.
 * e.g. `  TARGET cli start-up: interplay --help 412 ms vs node -e 0 41.0 ms = 10.0x (limit <= 12x): met`
 */
export interface TargetLine {
  target: string;
  figure: { name: string; value: number; unit: string };
  reference: { name: string; value: number; unit: string };
  /** The ratio is figure / reference unless given (e.g. a speed-up, reference / figure). */
  ratio?: number;
  limit: { comparison: '<=' | '>='; value: number };
}

const compact = (value: number) => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

export function formatTargetLine(line: TargetLine): string {
  const ratio = line.ratio ?? line.figure.value / line.reference.value;
  const met = line.limit.comparison === '<=' ? ratio <= line.limit.value : ratio >= line.limit.value;
  return `  TARGET ${line.target}: ${line.figure.name} ${compact(line.figure.value)} ${line.figure.unit} vs ${line.reference.name} ${compact(line.reference.value)} ${line.reference.unit} = ${compact(ratio)}x (limit ${line.limit.comparison} ${line.limit.value}x): ${met ? 'met' : 'MISSED'}`;
}
