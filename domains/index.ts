import { UnknownDomainError, type Domain } from '../src/domain-kit/index.ts';
import { airline } from './airline/index.ts';
import { retail } from './retail/index.ts';

/** Every domain interplay ships, by name. */
export const domains: Readonly<Record<string, Domain>> = { retail: retail as unknown as Domain, airline: airline as unknown as Domain };

export function getDomain(name: string): Domain {
  const domain = domains[name];
  if (!domain) throw new UnknownDomainError(name, Object.keys(domains));
  return domain;
}
