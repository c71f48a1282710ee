import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { nameZipKey, userNameZipKey } from './user-lookup-keys.ts';

export const findUserIdByNameZip = defineTool({
  name: 'find_user_id_by_name_zip',
  description:
    "Look up a user's id by first name, last name and zip code. Returns an error message when no user matches. Prefer looking the user up by email; use this only when that finds nobody or the user does not remember their email.",
  params: z.object({
    first_name: z.string().describe("The user's first name, such as 'John'."),
    last_name: z.string().describe("The user's last name, such as 'Doe'."),
    zip: z.string().describe("The zip code of the user's address, such as '12345'."),
  }),
  kind: 'read',
  run(state: DomainState<RetailRecords>, { first_name, last_name, zip }) {
    // The first user (in data order) with that name (case-insensitively) and zip; found through the users grouped by them.
    for (const [userId] of state.entriesWithKey('users', userNameZipKey, nameZipKey(first_name, last_name, zip))) return ok(userId);
    return fail('Error: user not found');
  },
});
