import type { BaseState, Domain, JsonObject } from '../../domain-kit/index.ts';
import { pick, seededRandom } from '../../rollout/offline/seeded-random.ts';
import type { Blueprint } from '../blueprint.ts';
import { graphNode, type ApiGraph } from './api-graph.ts';
import { pickFewShot, shuffle, type FewShotExample } from './few-shot.ts';
import { personas as shippedPersonas } from './personas.ts';
import { randomWalk } from './random-walk.ts';
import { ownedRecords, relatedRecords, userCollection, withinBudget, type ContextRecord } from './user-records.ts';
import { writeTargets } from './write-targets.ts';

/** Everything the generator is shown for one blueprint. The same seed gives the same context. */
export interface GenerationContext {
  domain: string;
  seed: number;
  /** The tools of the random walk over the API graph, in order. */
  walk: string[];
  /** The walk's write tools: what the blueprint should do. */
  writeTools: string[];
  /** The policy rules that govern the walk's tools. */
  rules: { name: string; description: string }[];
  userId: string;
  user: JsonObject;
  /** The user's own records (orders, reservations), trimmed to fit a prompt; those the writes can act on first. */
  records: ContextRecord[];
  /** Records the user's records point to (products, flights), trimmed. */
  related: ContextRecord[];
  /** Per write tool of the walk, the ids of the user's records it can act on (the user's id for user-level tools). */
  targets: Record<string, string[]>;
  persona: string;
  fewShot: FewShotExample[];
}

export interface SampleContextOptions {
  domain: Domain;
  base: BaseState;
  graph: ApiGraph;
  seed: number;
  /** Validated blueprints of the domain to draw examples from (may be empty). */
  fewShotPool?: readonly Blueprint[];
  personas?: readonly string[];
  /**
   * The chance (default 0.3) to look first among the users of the accepted blueprints, so that some
   * users get several blueprints: reverse recombination needs them.
   */
  reuseUsers?: number;
  /** How many users to try before settling for the best partial fit (default 400). */
  maxUserTries?: number;
  /** Characters of JSON for the user's records and for the related records (default 9000 and 6000). */
  recordBudget?: number;
  relatedBudget?: number;
}

export function sampleContext(options: SampleContextOptions): GenerationContext {
  const { domain, base, graph, seed } = options;
  const random = seededRandom(seed);
  const walk = randomWalk(graph, random);
  const writeTools = walk.filter((name) => graphNode(graph, name)?.kind === 'write');
  const persona = pick(random, options.personas ?? shippedPersonas);
  const pool = (options.fewShotPool ?? []).filter((blueprint) => blueprint.domain === domain.name);
  const known = random() < (options.reuseUsers ?? 0.3) ? [...new Set(pool.map((blueprint) => blueprint.userId))].sort() : [];
  const { userId, targets } = pickUser(domain, base, writeTools, random, options.maxUserTries ?? 400, known);
  const users = userCollection(domain);
  const user = base.get(users, userId) as JsonObject;
  const targetIds = new Set(Object.values(targets).flat());
  const owned = ownedRecords(domain, base, userId);
  const ordered = [...owned.filter((entry) => targetIds.has(entry.id)), ...owned.filter((entry) => !targetIds.has(entry.id))];
  const records = withinBudget(ordered, options.recordBudget ?? 9000);
  const related = withinBudget(relatedRecords(domain, base, records), options.relatedBudget ?? 6000);
  const rules = (domain.policyRules ?? [])
    .filter((rule) => rule.appliesTo.some((tool) => walk.includes(tool)))
    .map((rule) => ({ name: rule.name, description: rule.description }));
  const fewShot = pickFewShot(options.fewShotPool ?? [], domain.name, writeTools, random);
  return { domain: domain.name, seed, walk, writeTools, rules, userId, user, records, related, targets, persona, fewShot };
}

/**
 * A user (seeded; `preferred` ones first) whose records give every write tool of the walk something to act on, each write a
 * record of its own where it can; the best partial fit when no user in `maxTries` fits fully.
 */
function pickUser(domain: Domain, base: BaseState, writeTools: readonly string[], random: () => number, maxTries: number, preferred: readonly string[]) {
  const users = userCollection(domain);
  const first = shuffle(preferred.filter((id) => base.get(users, id) !== undefined), random);
  const candidates = [...first, ...shuffle(base.ids(users), random).filter((id) => !first.includes(id))].slice(0, maxTries);
  let best: { userId: string; targets: Record<string, string[]>; score: number } | undefined;
  for (const userId of candidates) {
    const targets = Object.fromEntries(writeTools.map((tool) => [tool, writeTargets(domain, base, userId, tool)]));
    const score = assignableWrites(writeTools, targets);
    if (!best || score > best.score) best = { userId, targets, score };
    if (score === writeTools.length) break;
  }
  if (!best) throw new Error(`domain ${domain.name} has no users`);
  return best;
}

/** How many writes can each get a target, distinct targets where the writes share a collection (greedy). */
function assignableWrites(writeTools: readonly string[], targets: Record<string, string[]>): number {
  const used = new Set<string>();
  let count = 0;
  for (const tool of writeTools) {
    const free = (targets[tool] ?? []).find((id) => !used.has(id));
    if (free === undefined) continue;
    used.add(free);
    count++;
  }
  return count;
}
