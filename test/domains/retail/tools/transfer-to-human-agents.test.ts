import { describe, it } from 'vitest';
import { expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('transfer_to_human_agents', () => {
  it("returns 'Transfer successful' and changes nothing", () => {
    expectToolSuccess({ name: 'transfer_to_human_agents', args: { summary: 'The user wants a refund to a card that is not on file.' } }, {
      output: 'Transfer successful',
      changes: '(no change)',
    });
  });
});
