import { canonicalJson } from '../../domain-kit/index.ts';

/** Where two argument objects differ: each path (`reason`, `item_ids[1]`, `address.zip`) and both values. */
export interface ArgumentDifference {
  path: string;
  gold: unknown;
  agent: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const same = (left: unknown, right: unknown) => canonicalJson(left ?? null) === canonicalJson(right ?? null);
const join = (prefix: string, key: string) => (prefix === '' ? key : `${prefix}.${key}`);

/** Every leaf path where the agent's arguments differ from the gold ones (an absent key counts as a difference). */
export function argumentDifferences(gold: unknown, agent: unknown, prefix = ''): ArgumentDifference[] {
  if (same(gold, agent)) return [];
  if (isObject(gold) && isObject(agent)) {
    const keys = [...new Set([...Object.keys(gold), ...Object.keys(agent)])].sort();
    return keys.flatMap((key) => argumentDifferences(gold[key], agent[key], join(prefix, key)));
  }
  if (Array.isArray(gold) && Array.isArray(agent) && gold.length === agent.length) {
    return gold.flatMap((item, index) => argumentDifferences(item, agent[index], `${prefix}[${index}]`));
  }
  return [{ path: prefix === '' ? '(arguments)' : prefix, gold, agent }];
}

/**
 * The share of the gold call's top-level arguments the agent gave with the same value (1 when the gold call
 * has none): how close a same-named call came.
 */
export function argumentAgreement(gold: Record<string, unknown>, agent: Record<string, unknown> | undefined): number {
  const keys = Object.keys(gold);
  if (keys.length === 0) return agent && Object.keys(agent).length > 0 ? 0 : 1;
  if (!agent) return 0;
  return keys.filter((key) => same(gold[key], agent[key])).length / keys.length;
}
