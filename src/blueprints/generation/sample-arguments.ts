import type { BaseState, Domain, JsonValue, ToolDefinition } from '../../domain-kit/index.ts';
import { idParameterName } from './parameter-names.ts';
import { firstValuesByKey, spread } from './record-values.ts';
import { toolParameters, type ToolParameter } from './tool-parameters.ts';

/** The collection whose record ids a parameter carries (`order_id` -> orders), if any. */
export function collectionOfIdParameter(domain: Domain, parameter: string): string | undefined {
  return domain.collections.find((collection) => idParameterName(collection, domain.idFields[collection]) === parameter);
}

const fitsType = (parameter: ToolParameter, value: JsonValue | undefined): boolean => {
  if (value === undefined) return false;
  switch (parameter.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
    case 'integer':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    default:
      return value !== null && typeof value === 'object';
  }
};

/**
 * Real arguments for a tool, taken from the data: ids of existing records for id parameters, the
 * first enum value for enums, and for the rest the values one record holds under those names (so a
 * name, a last name and a zip code come from the same user). Lazy and deterministic: candidates
 * come in data order, spread over each collection. A tool none of whose parameters can be filled
 * from the data (a free-text `expression`) yields nothing.
 */
export function* sampleArguments(domain: Domain, base: BaseState, tool: ToolDefinition<never, never>, recordsPerCollection = 60): Generator<Record<string, unknown>> {
  const parameters = toolParameters(tool).filter((parameter) => parameter.required);
  if (parameters.length === 0) {
    yield {};
    return;
  }
  const fixed: Record<string, unknown> = {};
  const fromRecords: ToolParameter[] = [];
  const idParameters = new Map<string, string>();
  for (const parameter of parameters) {
    const collection = collectionOfIdParameter(domain, parameter.name);
    if (parameter.enum && parameter.enum.length > 0) fixed[parameter.name] = parameter.enum[0];
    else if (collection) idParameters.set(parameter.name, collection);
    else fromRecords.push(parameter);
  }
  if (fromRecords.length === 0) {
    const [first, ...others] = [...idParameters];
    if (!first) {
      yield { ...fixed };
      return;
    }
    const otherIds = Object.fromEntries(others.map(([name, collection]) => [name, base.ids(collection)[0]]));
    for (const id of spread(base.ids(first[1]), recordsPerCollection)) yield { ...fixed, ...otherIds, [first[0]]: id };
    return;
  }
  for (const collection of domain.collections) {
    for (const id of spread(base.ids(collection), recordsPerCollection)) {
      const values = firstValuesByKey(base.get(collection, id));
      const args: Record<string, unknown> = { ...fixed };
      let complete = true;
      for (const parameter of fromRecords) {
        const value = values.get(parameter.name);
        if (!fitsType(parameter, value)) complete = false;
        else args[parameter.name] = value;
      }
      for (const [name, idCollection] of idParameters) {
        const value = idCollection === collection ? id : values.get(name);
        if (typeof value !== 'string') complete = false;
        else args[name] = value;
      }
      if (complete) yield args;
    }
  }
}
