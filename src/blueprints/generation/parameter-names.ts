/**
 * How a tool parameter's name can show up in another tool's output: as itself, in its singular or
 * plural form (`item_ids` <-> `item_id`), or, for an id, as the plural of what it names (`order_id`
 * <-> `orders`, a list of order ids). A `new_` prefix names the same kind of value (`new_item_ids`).
 */

export function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

export function plural(name: string): string {
  if (name.endsWith('s')) return name;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(sh|ch|x)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

/** Every key name an output may use for the value this parameter wants. */
export function nameVariants(parameter: string): string[] {
  const bare = parameter.startsWith('new_') ? parameter.slice('new_'.length) : parameter;
  const variants = new Set([parameter, bare, singular(bare), plural(bare)]);
  const idMatch = /^(.+)_ids?$/.exec(bare);
  if (idMatch) variants.add(plural(idMatch[1] as string));
  return [...variants];
}

/** The parameter name that carries the id of a record of `collection` (`orders` -> `order_id`). */
export function idParameterName(collection: string, idField: string | undefined): string {
  return idField ?? `${singular(collection)}_id`;
}
