import { z } from 'zod';
import type { RecordTypes } from '../base-state.ts';
import type { DomainState } from '../domain-state.ts';
import { defineTool, ok, type ToolDefinition } from '../tool.ts';

const thinkParams = z.object({ thought: z.string().describe('What to think about.') });

/**
 * tau-bench's `think`: it answers an empty text and changes nothing. Domains word the last sentence
 * of its description differently (`whenToUse`), as tau-bench does.
 */
export function defineThinkTool<R extends RecordTypes>(whenToUse: string): ToolDefinition<R, typeof thinkParams> {
  return defineTool({
    name: 'think',
    description: `Think something through. This looks nothing up and changes nothing in the database; the thought is only added to the log. ${whenToUse}`,
    params: thinkParams,
    kind: 'read',
    run(_state: DomainState<R>) {
      return ok('');
    },
  });
}
