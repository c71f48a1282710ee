import type { DomainData, GenerateOptions } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

export const DEFAULT_SEED = 20240515;

export function generateRetailData(_options: GenerateOptions): DomainData<RetailRecords> {
  throw new Error('not written yet');
}
