import type { DomainData, GenerateOptions } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

export const DEFAULT_SEED = 20240515;

export function generateAirlineData(_options: GenerateOptions): DomainData<AirlineRecords> {
  throw new Error('not written yet');
}
