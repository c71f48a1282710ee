import { DomainState, type BaseState } from '../../domain-kit/index.ts';
import type { SearchItem } from './list-search.ts';

/** A user as the user picker lists them: searchable by id, name and email. */
export interface UserEntry extends SearchItem {
  name: string;
  email: string;
}

/** A person's name as the data stores it (`{first_name, last_name}`), or as text. */
export function personName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const name = value as { first_name?: unknown; last_name?: unknown };
    return [name.first_name, name.last_name].filter((part) => typeof part === 'string').join(' ');
  }
  return '';
}

/** Every user of the data, in data order. */
export function listUsers(base: BaseState): UserEntry[] {
  if (!base.hasCollection('users')) return [];
  const users: UserEntry[] = [];
  for (const [id, record] of new DomainState(base).entries('users')) {
    const user = record as { name?: unknown; email?: unknown };
    const name = personName(user.name);
    const email = typeof user.email === 'string' ? user.email : '';
    users.push({ key: id, label: id, detail: [name, email].filter(Boolean).join(' · '), name, email, searchText: `${id} ${name} ${email}` });
  }
  return users;
}
