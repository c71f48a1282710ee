import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('find_user_id_by_name_zip', () => {
  it('finds a user by name (ignoring case) and zip, telling two namesakes apart', () => {
    expectToolSuccess({ name: 'find_user_id_by_name_zip', args: { first_name: 'olivia', last_name: 'LEE', zip: '98101' } }, {
      output: 'olivia_lee_9999',
      changes: '(no change)',
    });
  });

  it('finds the namesake in the other zip code', () => {
    expectToolSuccess({ name: 'find_user_id_by_name_zip', args: { first_name: 'Olivia', last_name: 'Lee', zip: '10001' } }, {
      output: 'olivia_lee_1234',
      changes: '(no change)',
    });
  });

  it('says when nobody with that name lives in the zip code', () => {
    expectToolFailure({ name: 'find_user_id_by_name_zip', args: { first_name: 'Olivia', last_name: 'Lee', zip: '94105' } }, 'Error: user not found');
  });

  it('finds a user by the zip of the address they moved to, and no longer by the old one', () => {
    const moved = { name: 'modify_user_address', args: { user_id: 'noah_kim_5678', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } };
    expectToolSuccess({ before: [moved], name: 'find_user_id_by_name_zip', args: { first_name: 'Noah', last_name: 'Kim', zip: '95014' } }, { output: 'noah_kim_5678', changes: '(no change)' });
    expectToolFailure({ before: [moved], name: 'find_user_id_by_name_zip', args: { first_name: 'Noah', last_name: 'Kim', zip: '94105' } }, 'Error: user not found');
  });
});
