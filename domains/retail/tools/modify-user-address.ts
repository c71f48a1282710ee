import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { addressParams, describeUserId } from './parameter-descriptions.ts';

export const modifyUserAddress = defineTool({
  name: 'modify_user_address',
  description:
    "Change a user's default address. Before calling, the agent explains the change and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    user_id: z.string().describe(describeUserId),
    ...addressParams,
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { user_id, address1, address2, city, state: addressState, country, zip }) {
    if (!state.has('users', user_id)) return fail('Error: user not found');
    const user = state.edit('users', user_id);
    user.address = { address1, address2, city, state: addressState, country, zip };
    return ok(user);
  },
});
