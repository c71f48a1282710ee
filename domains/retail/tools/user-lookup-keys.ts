import type { DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { User } from '../schema.ts';

/**
 * The keys users are looked up by (`state.entriesWithKey('users', …)`): each a long-lived function, since the
 * base groups its records once per key function.
 */

/** A user's email, lower-cased: `find_user_id_by_email` matches case-insensitively. */
export const userEmailKey = (user: DeepReadonly<User>): string => user.email.toLowerCase();

/** The key of a first name, last name and zip: the names lower-cased, the zip as given. */
export const nameZipKey = (firstName: string, lastName: string, zip: string): string => JSON.stringify([firstName.toLowerCase(), lastName.toLowerCase(), zip]);

/** A user's name and zip, as `nameZipKey` makes them. */
export const userNameZipKey = (user: DeepReadonly<User>): string => nameZipKey(user.name.first_name, user.name.last_name, user.address.zip);
