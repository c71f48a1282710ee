import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('get_product_details', () => {
  it('prints a product with all its variants', () => {
    expectToolSuccess({ name: 'get_product_details', args: { product_id: '1656367028' } }, {
      output: '{"name": "Mechanical Keyboard", "product_id": "1656367028", "variants": {"1151293680": {"item_id": "1151293680", "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}, "available": true, "price": 272.33}, "7706410293": {"item_id": "7706410293", "options": {"switch type": "clicky", "backlight": "none", "size": "full size"}, "available": true, "price": 269.16}, "6342039236": {"item_id": "6342039236", "options": {"switch type": "clicky", "backlight": "white", "size": "full size"}, "available": false, "price": 244.91}, "4843487907": {"item_id": "4843487907", "options": {"switch type": "tactile", "backlight": "RGB", "size": "80%"}, "available": true, "price": 282.71}}}',
      changes: '(no change)',
    });
  });

  it('prints variants whose ids read as array indices first (JavaScript key order; tau-bench keeps file order)', () => {
    // The fixture lists 6469567736, 3453331371, 7199146548; 3453331371 is below 2^32 - 1, so JavaScript moves it first.
    expectToolSuccess({ name: 'get_product_details', args: { product_id: '8310926033' } }, {
      output: '{"name": "Water Bottle", "product_id": "8310926033", "variants": {"3453331371": {"item_id": "3453331371", "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}, "available": true, "price": 52.79}, "6469567736": {"item_id": "6469567736", "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}, "available": true, "price": 47.84}, "7199146548": {"item_id": "7199146548", "options": {"capacity": "750ml", "material": "plastic", "color": "black"}, "available": true, "price": 48.02}}}',
      changes: '(no change)',
    });
  });

  it('refuses an item id given as a product id', () => {
    expectToolFailure({ name: 'get_product_details', args: { product_id: '1151293680' } }, 'Error: product not found');
  });
});
