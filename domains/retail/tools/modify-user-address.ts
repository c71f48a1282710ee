import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeAddress, describeUserId } from './parameter-descriptions.ts';

export const modifyUserAddress = defineTool({
  name: 'modify_user_address',
  description:
    "Change a user's default address. Before calling, the agent explains the change and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    user_id: z.string().describe(describeUserId),
    address1: z.string().describe(describeAddress.address1),
    address2: z.string().describe(describeAddress.address2),
    city: z.string().describe(describeAddress.city),
    state: z.string().describe(describeAddress.state),
    country: z.string().describe(describeAddress.country),
    zip: z.string().describe(describeAddress.zip),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { user_id, address1, address2, city, state: addressState, country, zip }) {
    if (!state.has('users', user_id)) return fail('Error: user not found');
    const user = state.edit('users', user_id);
    user.address = { address1, address2, city, state: addressState, country, zip };
    return ok(user);
  },
});
