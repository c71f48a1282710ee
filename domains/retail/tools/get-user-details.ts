import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeUserId } from './parameter-descriptions.ts';

export const getUserDetails = defineTool({
  name: 'get_user_details',
  description: "Show a user's details, their orders included.",
  params: z.object({ user_id: z.string().describe(describeUserId) }),
  kind: 'read',
  run(state: DomainState<RetailRecords>, { user_id }) {
    const user = state.get('users', user_id);
    return user ? ok(user) : fail('Error: user not found');
  },
});
