import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { userEmailKey } from './user-lookup-keys.ts';

export const findUserIdByEmail = defineTool({
  name: 'find_user_id_by_email',
  description: "Look up a user's id by their email address. Returns an error message when no user has that email.",
  params: z.object({
    email: z.string().describe("The user's email address, such as 'something@example.com'."),
  }),
  kind: 'read',
  run(state: DomainState<RetailRecords>, { email }) {
    // The first user (in data order) whose email matches, case-insensitively; found through the users grouped by email.
    for (const [userId] of state.entriesWithKey('users', userEmailKey, email.toLowerCase())) return ok(userId);
    return fail('Error: user not found');
  },
});
