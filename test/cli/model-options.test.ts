import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { addModelOptions } from '../../src/cli/model-options.ts';
import { resolveModelRoles } from '../../src/cli/model-roles.ts';

const ioIn = (cwd: string): CliIo => ({ out: () => undefined, err: () => undefined, now: () => new Date(0), env: {}, cwd, isTerminal: false });

function flagsOf(argv: string[]): Record<string, unknown> {
  const command = addModelOptions(new Command('test').exitOverride(), ['agent', 'human']);
  command.parse(argv, { from: 'user' });
  return command.opts();
}

describe('per-endpoint reading options', () => {
  it('sets reasoning and text tool calls per role from flags, and from the config file for reviewers', () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-model-options-'));
    writeFileSync(join(folder, 'models.json'), JSON.stringify({ models: { reviewers: [{ model: 'qwen3', baseURL: 'http://127.0.0.1:8000/v1', reasoning: 'separate', textToolCalls: 'off' }] } }));
    const roles = resolveModelRoles(flagsOf(['--config', 'models.json', '--agent-model', 'qwen3', '--agent-text-tool-calls', 'off', '--human-model', 'r1', '--human-reasoning', 'keep']), ioIn(folder));
    expect(roles.roles.agent).toMatchObject({ model: 'qwen3', textToolCalls: 'off' });
    expect(roles.roles.agent).not.toHaveProperty('reasoning');
    expect(roles.roles.human).toMatchObject({ model: 'r1', reasoning: 'keep' });
    expect(roles.reviewers[0]).toMatchObject({ model: 'qwen3', reasoning: 'separate', textToolCalls: 'off' });
  });

  it('names the role and the field of a value it does not know', () => {
    expect(() => resolveModelRoles(flagsOf(['--agent-model', 'm', '--agent-reasoning', 'strip']), ioIn(tmpdir()))).toThrow(/the agent model \(flags\)[\s\S]*reasoning:/);
  });
});
