import { DomainState, type BaseState, type Domain, type JsonValue, type ToolDefinition } from '../../domain-kit/index.ts';
import type { BlueprintAction } from '../blueprint.ts';
import { isIdentificationTool, isUserLookup } from './api-graph.ts';
import { idParameterName } from './parameter-names.ts';
import { firstValuesByKey } from './record-values.ts';
import { toolParameters } from './tool-parameters.ts';
import { userCollection } from './user-records.ts';

/**
 * How a conversation identifies its user before anything is changed: by a lookup on what the user
 * says (their email, or their name and zip code) when the domain has one, otherwise by reading their
 * profile with the user id they give. Both domains' policies ask for it, and their rules check it.
 */
export function identificationTools(domain: Domain): string[] {
  const names = domain.tools.filter((tool) => tool.kind === 'read' && isIdentificationTool(tool.name)).map((tool) => tool.name);
  const lookups = names.filter(isUserLookup);
  return lookups.length > 0 ? lookups : names;
}

/**
 * The identification calls that find this very user, their arguments filled from the user's record
 * (email, name, zip code, or the user id), in the domain's tool order. A lookup that finds nobody, or
 * someone else first (two users with one name and zip code), is left out.
 */
export function identificationCalls(domain: Domain, base: BaseState, userId: string): BlueprintAction[] {
  const users = userCollection(domain);
  const user = base.get(users, userId);
  if (!user) return [];
  const userIdParameter = idParameterName(users, domain.idFields[users]);
  const values = firstValuesByKey(user);
  const calls: BlueprintAction[] = [];
  for (const name of identificationTools(domain)) {
    const args: Record<string, JsonValue> = {};
    const parameters = toolParameters(domain.tool(name) as ToolDefinition<never, never>).filter((parameter) => parameter.required);
    for (const parameter of parameters) {
      const value = parameter.name === userIdParameter ? userId : values.get(parameter.name);
      if (value !== undefined) args[parameter.name] = value;
    }
    if (Object.keys(args).length < parameters.length) continue;
    const result = domain.execute(new DomainState(base), { name, arguments: args });
    if (result.ok && (args[userIdParameter] === userId || result.content === userId)) calls.push({ name, arguments: args });
  }
  return calls;
}
