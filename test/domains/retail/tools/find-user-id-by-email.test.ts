import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('find_user_id_by_email', () => {
  it('finds a user by email, ignoring case', () => {
    expectToolSuccess({ name: 'find_user_id_by_email', args: { email: 'NOAH.KIM5678@example.COM' } }, {
      output: 'noah_kim_5678',
      changes: '(no change)',
    });
  });

  it('finds a user by the exact email', () => {
    expectToolSuccess({ name: 'find_user_id_by_email', args: { email: 'olivia.lee1234@example.com' } }, {
      output: 'olivia_lee_1234',
      changes: '(no change)',
    });
  });

  it('says when no user has the email', () => {
    expectToolFailure({ name: 'find_user_id_by_email', args: { email: 'nobody@example.com' } }, 'Error: user not found');
  });
});
