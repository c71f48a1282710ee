import { z } from 'zod';
import { compareCodePoints, defineTool, ok, pythonJsonDumps, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

export const listAllProductTypes = defineTool({
  name: 'list_all_product_types',
  description:
    'List every product type by name with its product id. Each product type comes in several items, each with its own item id and options. The store has only 50 product types.',
  params: z.object({}),
  kind: 'read',
  run(state: DomainState<RetailRecords>) {
    // A later product with the same name replaces the id of an earlier one, as a Python dict does.
    const idsByName = new Map<string, string>();
    for (const product of state.values('products')) idsByName.set(product.name, product.product_id);
    const names = [...idsByName.keys()].sort(compareCodePoints);
    // Written by hand: a JavaScript object would move names that look like integers to the front.
    return ok(`{${names.map((name) => `${pythonJsonDumps(name)}: ${pythonJsonDumps(idsByName.get(name))}`).join(', ')}}`);
  },
});
