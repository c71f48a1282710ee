import { defineThinkTool } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

/** tau-bench's retail `think` also offers itself as a memory ("or some cache memory"). */
export const think = defineThinkTool<RetailRecords>('Use it for reasoning that needs several steps, or to note something to remember.');
