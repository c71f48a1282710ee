import { describe, it } from 'vitest';
import { expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('think', () => {
  it('returns an empty text and changes nothing', () => {
    expectToolSuccess({ name: 'think', args: { thought: 'The user wants to cancel; check the status first.' } }, {
      output: '',
      changes: '(no change)',
    });
  });
});
