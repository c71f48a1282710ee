import type { ToolDefinition } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

/** Every tool of the airline domain, in tau-bench's order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const airlineTools: ToolDefinition<AirlineRecords, any>[] = [];
