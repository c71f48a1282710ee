import type { ToolDefinition } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

/** Every tool of the retail domain, in tau-bench's order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const retailTools: ToolDefinition<RetailRecords, any>[] = [];
