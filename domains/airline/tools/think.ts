import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

export const think = defineTool({
  name: 'think',
  description:
    'Think something through. This looks nothing up and changes nothing in the database; the thought is only added to the log. Use it when a step needs careful reasoning.',
  params: z.object({ thought: z.string().describe('What to think about.') }),
  kind: 'read',
  run(_state: DomainState<AirlineRecords>) {
    return ok('');
  },
});
