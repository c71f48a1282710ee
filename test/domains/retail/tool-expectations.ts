import { expect } from 'vitest';
import { diffStates, renderDiff, type DomainData } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../../../domains/retail/schema.ts';
import { fixtureState, runTool } from './fixture.ts';

export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
}

export interface ToolCase extends ToolCall {
  /** Calls made first, each of which must succeed. */
  before?: ToolCall[];
  /** Data to start from instead of the fixture. */
  data?: DomainData<RetailRecords>;
}

function prepare({ before = [], data }: ToolCase) {
  const state = fixtureState(data);
  for (const call of before) expect(runTool(state, call.name, call.args).ok, `${call.name} before the call under test`).toBe(true);
  return state;
}

/** The call succeeds with exactly `output` and changes exactly what `changes` (a renderDiff) shows. */
export function expectToolSuccess(call: ToolCase, expected: { output: string; changes: string }) {
  const state = prepare(call);
  const start = state.fork();
  const result = runTool(state, call.name, call.args);
  expect(result.content).toBe(expected.output);
  expect(result.ok).toBe(true);
  expect(renderDiff(diffStates(start, state))).toBe(expected.changes);
}

/** The call fails with exactly `error` and leaves the state as it was. */
export function expectToolFailure(call: ToolCase, error: string) {
  const state = prepare(call);
  const hashBefore = state.hash();
  const result = runTool(state, call.name, call.args);
  expect(result.content).toBe(error);
  expect(result.ok).toBe(false);
  expect(state.hash()).toBe(hashBefore);
}
