import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/domain-kit/index.ts';
import { TRAJECTORY_SCHEMA_VERSION } from '../../src/rollout/trajectory.ts';
import { parseTrajectory } from '../../src/store/index.ts';
import { readFixture } from './trajectory-fixtures.ts';

function parseFixture(name: string) {
  return parseTrajectory(JSON.parse(readFixture(name)), name);
}

function problemsOf(name: string): string {
  try {
    parseFixture(name);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDataError);
    return (error as Error).message;
  }
  throw new Error(`${name} parsed, but it should not`);
}

describe('the stored trajectory format (golden fixtures)', () => {
  it('parses the v1 fixture without dropping or changing a field', () => {
    const raw: unknown = JSON.parse(readFixture('trajectory-v1.json'));
    const trajectory = parseFixture('trajectory-v1.json');
    expect(trajectory).toEqual(raw);
    expect(trajectory.schemaVersion).toBe(1);
    expect(trajectory.messages.map((message) => message.role)).toEqual([
      'system', 'user', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'user',
    ]);
    expect(trajectory.termination.reason).toBe('user-stop');
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted', termination: 'user-stop' });
  });

  it('parses the v2 fixture: reasoning, tool calls parsed from text and protocol notes are kept as written', () => {
    const raw: unknown = JSON.parse(readFixture('trajectory-v2.json'));
    const trajectory = parseFixture('trajectory-v2.json');
    expect(trajectory).toEqual(raw);
    expect(trajectory.schemaVersion).toBe(TRAJECTORY_SCHEMA_VERSION);
    const assistant = trajectory.messages.find((message) => message.role === 'assistant' && message.reasoning !== undefined);
    expect(assistant).toMatchObject({ reasoning: expect.any(String), toolCallsFromText: true });
    expect(trajectory.messages.filter((message) => message.role === 'user' && message.note === 'protocol')).toHaveLength(1);
  });

  it.each([
    ['trajectory-wrong-schema-version.json', /schemaVersion: the trajectory format version must be one of 1, 2/],
    ['trajectory-missing-verdict.json', /verdict: Invalid input: expected object, received undefined/],
    ['trajectory-tool-message-without-call-id.json', /messages\.5\.tool_call_id: Invalid input: expected string, received undefined/],
    ['trajectory-unknown-termination-reason.json', /termination\.reason: Invalid option: expected one of "user-stop"\|/],
  ])('refuses %s, naming the field', (name, problem) => {
    const message = problemsOf(name);
    expect(message).toContain(`${name}: not a valid trajectory`);
    expect(message).toMatch(problem);
  });
});
