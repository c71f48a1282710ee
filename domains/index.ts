import { UnknownDomainError, type Domain } from '../src/domain-kit/index.ts';
import { airline } from './airline/index.ts';
import { retail } from './retail/index.ts';

/**
 * Every domain interplay ships, by name. A Map, not an object: a name comes from a user's flag or
 * file, and `__proto__`, `constructor` or `toString` must be unknown domains, not Object.prototype's.
 */
export const domains: ReadonlyMap<string, Domain> = new Map([
  ['retail', retail as unknown as Domain],
  ['airline', airline as unknown as Domain],
]);

export function getDomain(name: string): Domain {
  const domain = domains.get(name);
  if (!domain) throw new UnknownDomainError(name, [...domains.keys()]);
  return domain;
}
