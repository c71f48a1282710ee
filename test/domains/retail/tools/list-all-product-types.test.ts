import { describe, it } from 'vitest';
import { expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('list_all_product_types', () => {
  it('lists product names and ids sorted by name', () => {
    expectToolSuccess({ name: 'list_all_product_types', args: {  } }, {
      output: '{"Mechanical Keyboard": "1656367028", "Office Chair": "4794339885", "Water Bottle": "8310926033"}',
      changes: '(no change)',
    });
  });
});
