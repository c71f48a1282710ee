import { expect } from 'vitest';
import type { AirlineRecords } from '../../../domains/airline/schema.ts';
import type { DomainState } from '../../../src/domain-kit/index.ts';
import { call } from './fixture.ts';

/** Asserts that the call fails with exactly `error` and leaves the state as it was. */
export function expectFailure(state: DomainState<AirlineRecords>, name: string, args: unknown, error: string) {
  const before = state.hash();
  const result = call(state, name, args);
  expect(result.content).toBe(error);
  expect(result.ok).toBe(false);
  expect(state.hash()).toBe(before);
}
