import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

export const think = defineTool({
  name: 'think',
  description:
    'Think something through. This fetches nothing and changes nothing in the database; the thought is only added to the log. Use it for reasoning that needs several steps, or to note something to remember.',
  params: z.object({ thought: z.string().describe('The thought.') }),
  kind: 'read',
  run(_state: DomainState<RetailRecords>) {
    return ok('');
  },
});
