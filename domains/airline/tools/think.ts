import { defineThinkTool } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

export const think = defineThinkTool<AirlineRecords>('Use it when a step needs careful reasoning.');
