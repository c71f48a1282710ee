import { generateBlueprint, type GenerateBlueprintOptions, type GenerationResult } from './generate-blueprint.ts';
import type { Blueprint } from '../blueprint.ts';
import { batchReport, type BatchReport } from './batch-report.ts';

export interface GenerateBatchOptions extends Omit<GenerateBlueprintOptions, 'index'> {
  count: number;
  /** The first index (default 0): a batch can be continued with the same seed. */
  firstIndex?: number;
  /** Called after each blueprint, in order (progress, writing accepted ones). */
  onResult?: (result: GenerationResult, index: number) => void | Promise<void>;
}

/**
 * Generates `count` blueprints one after another and reports the acceptance rates. Each accepted
 * blueprint joins the example pool for the next ones (and its user may be drawn again, which gives
 * reverse recombination same-user blueprints to join).
 */
export async function generateBatch(options: GenerateBatchOptions): Promise<{ results: GenerationResult[]; report: BatchReport }> {
  const { count, firstIndex = 0, onResult, ...shared } = options;
  const pool: Blueprint[] = [...(options.fewShotPool ?? [])];
  const results: GenerationResult[] = [];
  for (let index = firstIndex; index < firstIndex + count; index++) {
    const result = await generateBlueprint({ ...shared, fewShotPool: [...pool], index });
    if (result.validation?.accepted) pool.push(result.validation.blueprint);
    results.push(result);
    await onResult?.(result, index);
  }
  return { results, report: batchReport(results) };
}
