import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

export const getProductDetails = defineTool({
  name: 'get_product_details',
  description: 'Show a product and its inventory: every variant (item) with its options, price and availability.',
  params: z.object({
    product_id: z
      .string()
      .describe("The product's id, such as '6086499569'. A product id is not an item id: each item is one variant of a product."),
  }),
  kind: 'read',
  run(state: DomainState<RetailRecords>, { product_id }) {
    const product = state.get('products', product_id);
    return product ? ok(product) : fail('Error: product not found');
  },
});
