import type { ExportContext, ExportItem } from './export-context.ts';
import { toOpenAiFineTuningRecord } from './openai-fine-tuning.ts';
import { toShareGptRecord } from './sharegpt.ts';
import { toTauBenchResult } from './tau-bench-results.ts';

/** How records are laid out in the file: one JSON array (2-space indent), or one JSON object per line. */
export type ExportLayout = 'json-array' | 'jsonl';

export interface ExportFormat {
  description: string;
  layout: ExportLayout;
  /**
   * A training format: identical records are written once (APIGen-MT keeps the unique successes) unless
   * `--all-successes`, and `--policy-text`, `--tool-text` and `--include-reasoning` apply.
   */
  training: boolean;
  toRecord(item: ExportItem, context: ExportContext): unknown;
}

export const exportFormats = {
  sharegpt: {
    description: "ShareGPT in the layout of Salesforce's APIGen-MT-5k (a JSON array)",
    layout: 'json-array',
    training: true,
    toRecord: toShareGptRecord,
  },
  openai: {
    description: 'OpenAI chat fine-tuning JSONL with tools',
    layout: 'jsonl',
    training: true,
    toRecord: toOpenAiFineTuningRecord,
  },
  'tau-bench': {
    description: "a tau-bench results file (a JSON array of task_id, reward, info, traj, trial)",
    layout: 'json-array',
    training: false,
    toRecord: (item) => toTauBenchResult(item),
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof exportFormats;
export const exportFormatNames = Object.keys(exportFormats) as ExportFormatName[];

export function isExportFormatName(name: string): name is ExportFormatName {
  return Object.hasOwn(exportFormats, name);
}

/**
 * The text of an export file, chunk by chunk, so records can be streamed into it. A JSON array
 * reads exactly as `JSON.stringify(records, null, 2)` plus a final newline.
 */
export async function* serializeRecords(records: Iterable<unknown> | AsyncIterable<unknown>, layout: ExportLayout): AsyncGenerator<string> {
  if (layout === 'jsonl') {
    for await (const record of records) yield `${JSON.stringify(record)}\n`;
    return;
  }
  let count = 0;
  for await (const record of records) {
    yield `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(record, null, 2).replace(/^/gm, '  ')}`;
    count += 1;
  }
  yield count === 0 ? '[]\n' : '\n]\n';
}
