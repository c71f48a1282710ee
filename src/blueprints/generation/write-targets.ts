import { checkPolicy, tracePolicy, type BaseState, type Domain, type JsonValue, type ToolCall, type ToolDefinition } from '../../domain-kit/index.ts';
import { identificationCalls } from './identification-call.ts';
import { firstValuesByKey } from './record-values.ts';
import { collectionOfIdParameter } from './sample-arguments.ts';
import { idParameterName, plural, singular } from './parameter-names.ts';
import { toolParameters } from './tool-parameters.ts';
import { ownedRecords, userCollection, type ContextRecord } from './user-records.ts';

/**
 * Which of a user's records a write tool can act on, found by trying: the tool's arguments are filled
 * from the record itself (its id, its own fields: an order's items and payment method, a
 * reservation's flights and passengers), the call runs on a fresh copy of the data after the user is
 * identified, and it must succeed and break no policy rule that governs the tool. So
 * "cancel_pending_order" fits pending orders and "return_delivered_order_items" delivered ones, with no
 * table of statuses written by hand.
 */

/**
 * Argument sets for `tool` filled from a record (and its user): first the record's own values, then
 * the same with one parameter swapped for another value the user has (another of their payment
 * methods). Empty when some argument cannot be found there at all.
 */
export function argumentsFromRecord(domain: Domain, tool: ToolDefinition<never, never>, userId: string, user: object, target: ContextRecord, maxSets = 8): Record<string, unknown>[] {
  const own = firstValuesByKey(target.record);
  const fromUser = firstValuesByKey(user);
  const lookup = (name: string): JsonValue | undefined => own.get(name) ?? fromUser.get(name);
  const args: Record<string, unknown> = {};
  const alternatives: Array<[string, JsonValue[]]> = [];
  for (const parameter of toolParameters(tool)) {
    if (!parameter.required) continue;
    const name = parameter.name.startsWith('new_') ? parameter.name.slice('new_'.length) : parameter.name;
    const collection = collectionOfIdParameter(domain, name);
    let value: JsonValue | undefined;
    const identifies = collection === target.collection || collection === userCollection(domain);
    if (collection === target.collection) value = target.id;
    else if (collection === userCollection(domain)) value = userId;
    else value = lookup(name);
    if (value === undefined && parameter.type === 'array') {
      const one = lookup(singular(name));
      if (one !== undefined) value = [one];
    }
    if (parameter.enum && !parameter.enum.includes(value)) value = parameter.enum[0] as JsonValue;
    if (value === undefined) return [];
    args[parameter.name] = value;
    const others = identifies ? [] : userAlternatives(fromUser, name).filter((other) => other !== value);
    if (others.length > 0) alternatives.push([parameter.name, others]);
  }
  const sets = [args];
  for (const [name, others] of alternatives) for (const other of others) sets.push({ ...args, [name]: other });
  return sets.slice(0, maxSets);
}

/** Other values the user holds for an id parameter: the keys of `payment_methods` for `payment_method_id`. */
function userAlternatives(fromUser: Map<string, JsonValue>, name: string): JsonValue[] {
  const match = /^(.+)_id$/.exec(name);
  if (!match) return [];
  for (const key of [plural(match[1] as string), `${match[1]}s`]) {
    const value = fromUser.get(key);
    if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
    if (value !== null && typeof value === 'object' && value !== undefined) return Object.keys(value);
  }
  return [];
}

/**
 * Whether the call runs without an error and breaks no policy rule that governs the tool, made as a
 * conversation makes it: after the call that identifies the user (see identification-call.ts). Only
 * the write is judged; the identification is there so that the rules see the user identified.
 */
export function callSucceeds(
  domain: Domain,
  base: BaseState,
  userId: string,
  call: { name: string; arguments: Record<string, unknown> },
  identification: ToolCall | undefined = identificationCalls(domain, base, userId)[0],
): boolean {
  const calls = identification ? [identification, call] : [call];
  const writeIndex = calls.length - 1;
  const trace = tracePolicy(domain, base, userId, calls);
  if (!trace.steps[writeIndex]?.result.ok) return false;
  const rules = (domain.policyRules ?? []).filter((rule) => rule.appliesTo.includes(call.name));
  return checkPolicy(rules, trace).every((violation) => violation.actionIndex !== undefined && violation.actionIndex !== writeIndex);
}

/** The ids of the user's records (or the user itself) that `toolName` can act on. */
export function writeTargets(domain: Domain, base: BaseState, userId: string, toolName: string): string[] {
  const tool = domain.tool(toolName) as ToolDefinition<never, never> | undefined;
  const users = userCollection(domain);
  const user = base.get(users, userId);
  if (!tool || !user) return [];
  const parameters = toolParameters(tool).map((parameter) => parameter.name);
  const actsOn = (collection: string) => parameters.includes(idParameterName(collection, domain.idFields[collection]));
  const owned = ownedRecords(domain, base, userId).filter((entry) => actsOn(entry.collection));
  // A tool that takes the id of a record kind acts on records of that kind only; otherwise on the user.
  const actsOnRecords = domain.collections.some((collection) => collection !== users && actsOn(collection));
  const candidates: ContextRecord[] = actsOnRecords ? owned : [{ collection: users, id: userId, record: user }];
  const identification = identificationCalls(domain, base, userId)[0];
  const targets: string[] = [];
  for (const target of candidates) {
    const sets = argumentsFromRecord(domain, tool, userId, user, target);
    // Arguments that cannot be read off the record (a new booking's flights) leave the question open: it fits.
    if (sets.length === 0 || sets.some((args) => callSucceeds(domain, base, userId, { name: toolName, arguments: args }, identification))) targets.push(target.id);
  }
  return targets;
}
