import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { userIdParameter } from './parameters.ts';

export const getUserDetails = defineTool({
  name: 'get_user_details',
  description: "Show a user's profile, the IDs of their reservations included.",
  params: z.object({ user_id: userIdParameter }),
  kind: 'read',
  run(state: DomainState<AirlineRecords>, { user_id: userId }) {
    const user = state.get('users', userId);
    return user ? ok(user) : fail('Error: user not found');
  },
});
