import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import type { Domain } from '../../domain-kit/index.ts';
import { OracleAgent, type OracleAgentOptions } from './oracle-agent.ts';
import { pick, seededRandom } from './seeded-random.ts';

/** The mistakes the fallible agent can make, one per rollout at most. */
export const mistakeKinds = ['none', 'wrong-argument', 'skipped-step', 'premature-stop'] as const;
export type MistakeKind = (typeof mistakeKinds)[number];

export interface FallibleAgentPlan {
  mistake: MistakeKind;
  /** The actions the agent will actually perform. */
  actions: BlueprintAction[];
  stopsEarly: boolean;
}

/** A different value of the same type for one argument: another enum option, a nudged number, a changed id. */
function alter(domain: Domain, action: BlueprintAction, random: () => number): BlueprintAction {
  const keys = Object.keys(action.arguments).sort();
  const key = pick(random, keys);
  if (key === undefined) return action;
  const value = action.arguments[key];
  const shape = domain.tool(action.name)?.params.shape as Record<string, { options?: readonly unknown[] }> | undefined;
  const options = shape?.[key]?.options?.filter((option) => option !== value);
  let altered: unknown;
  if (options && options.length > 0) altered = pick(random, options);
  else if (typeof value === 'number') altered = value + 1;
  else if (typeof value === 'string') altered = value.length > 0 ? `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}` : 'x';
  else if (Array.isArray(value)) altered = value.slice(0, -1);
  else altered = value;
  return { ...action, arguments: { ...action.arguments, [key]: altered } };
}

/**
 * Decides, from the seed alone, which mistake the fallible agent makes: about half its rollouts are
 * correct, the rest change an argument of a write, skip a write, or stop before writing.
 */
export function planFallibleAgent(domain: Domain, actions: readonly BlueprintAction[], seed: number): FallibleAgentPlan {
  const random = seededRandom(seed ^ 0x5eed);
  const writes = actions.map((action, index) => ({ action, index })).filter(({ action }) => domain.tool(action.name)?.kind === 'write');
  const mistake: MistakeKind = writes.length === 0 || random() < 0.5 ? 'none' : pick(random, mistakeKinds.slice(1));
  const plan: FallibleAgentPlan = { mistake, actions: [...actions], stopsEarly: mistake === 'premature-stop' };
  const target = pick(random, writes);
  if (mistake === 'wrong-argument' && target) plan.actions[target.index] = alter(domain, target.action, random);
  if (mistake === 'skipped-step' && target) plan.actions.splice(target.index, 1);
  return plan;
}

/**
 * OFFLINE POLICY — not a model. The oracle agent with one seeded mistake (or none), so the acceptance
 * filter has real failures to reject in the demo and the tests.
 */
export function createFallibleAgent(options: Omit<OracleAgentOptions, 'label' | 'stopsEarly'>, seed: number): { agent: OracleAgent; plan: FallibleAgentPlan } {
  const plan = planFallibleAgent(options.domain, options.actions, seed);
  return { agent: new OracleAgent({ ...options, actions: plan.actions, stopsEarly: plan.stopsEarly, label: 'fallible-agent' }), plan };
}
