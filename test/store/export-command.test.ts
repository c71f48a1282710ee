import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { getDomain } from '../../domains/index.ts';
import { UsageError, type CliIo } from '../../src/cli/cli-io.ts';
import { registerExportCommand } from '../../src/cli/commands/export-command.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { InterplayError } from '../../src/domain-kit/index.ts';
import { toShareGptRecord, type ShareGptRecord } from '../../src/store/index.ts';
import { runInterplay, type CliRun } from '../support/run-cli.ts';
import { runFolderWith } from './exports/export-fixtures.ts';
import { keptTrajectory, parallelCallTrajectory, rejectedTrajectory } from './trajectory-fixtures.ts';

function io(cwd: string, output: { stdout: string; stderr: string }): CliIo {
  return {
    out: (text) => void (output.stdout += text),
    err: (text) => void (output.stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: {},
    cwd,
    isTerminal: false,
  };
}

const wired = buildProgram(io(process.cwd(), { stdout: '', stderr: '' })).commands.some((command) => command.name() === 'export');

/** Through `runInterplay` once the lead has registered the command; until then on a fresh program, handled like runCli. */
async function runExport(argv: string[], cwd: string): Promise<CliRun> {
  if (wired) return runInterplay(['export', ...argv], { cwd });
  const output = { stdout: '', stderr: '' };
  const cli = io(cwd, output);
  const program = new Command('interplay').exitOverride().configureOutput({ writeOut: cli.out, writeErr: cli.err });
  registerExportCommand(program, cli);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: cli.out, writeErr: cli.err });
  try {
    await program.parseAsync(['export', ...argv], { from: 'user' });
    return { code: 0, ...output };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, ...output };
    if (error instanceof UsageError || error instanceof InterplayError) return { code: 1, stdout: output.stdout, stderr: `${output.stderr}error: ${error.message}\n` };
    throw error;
  }
}

async function runFolder(trajectories = [keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()]): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'interplay-export-cli-'));
  await runFolderWith(trajectories, { folder: join(cwd, 'traces', 'run') });
  return cwd;
}

describe('interplay export', () => {
  it('exports the kept trajectories with the domain policy and tools, each conversation once, and says what it skipped', async () => {
    const cwd = await runFolder();
    const run = await runExport(['--format', 'sharegpt', 'traces/run', '--out', 'out/sharegpt.json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const outFile = join(cwd, 'out', 'sharegpt.json');
    expect(run.stdout).toBe(`exported 1 trajectory as sharegpt to ${outFile}; skipped 1 not kept, 1 duplicate of an exported conversation\ngraded again before export: every stored verdict held\n`);

    const retail = getDomain('retail');
    const context = { policy: retail.policy, tools: retail.toolSchemas() };
    const records = JSON.parse(readFileSync(outFile, 'utf8')) as ShareGptRecord[];
    expect(records).toEqual([toShareGptRecord({ trajectory: keptTrajectory() }, context)]);

    const both = await runExport(['--format', 'sharegpt', 'traces/run', '--out', 'out/sharegpt.json', '--all-successes'], cwd);
    expect(both.stdout).toMatch(/^exported 2 trajectories as sharegpt .*; skipped 1 not kept\n/);
  });

  it('never exports a trajectory whose stored kept flag was flipped, and lists the verdicts that did not hold', async () => {
    const flipped = rejectedTrajectory();
    flipped.verdict = { ...flipped.verdict, kept: true, reason: 'accepted' };
    const cwd = await runFolder([keptTrajectory(), flipped]);
    const run = await runExport(['--format', 'openai', 'traces/run', '--out', 'train.jsonl'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `exported 1 trajectory as openai to ${join(cwd, 'train.jsonl')}; skipped 1 not kept\ngraded again before export: 1 stored verdict did not hold\n  retail-cancel-soundbar-order#1: stored kept, now rejected (not-user-stop)\n`,
    );
    expect(readFileSync(join(cwd, 'train.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('exports everything with --all and reports a torn last line', async () => {
    const cwd = await runFolder();
    appendFileSync(join(cwd, 'traces', 'run', 'trajectories.jsonl'), '{"schema');
    const run = await runExport(['--format', 'tau-bench', 'traces/run', '--out', 'results.json', '--all'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`exported 3 trajectories as tau-bench to ${join(cwd, 'results.json')}; skipped 0 not kept, 1 torn last line (line 4, 8 bytes)\ngraded again before export: every stored verdict held\n`);
    const results = JSON.parse(readFileSync(join(cwd, 'results.json'), 'utf8')) as Array<{ reward: number }>;
    expect(results.map((result) => result.reward)).toEqual([1, 0, 1]);

    const openai = await runExport(['--format', 'openai', 'traces/run', '--out', 'train.jsonl'], cwd);
    expect(openai.stdout).toMatch(/^exported 2 trajectories as openai to .*train\.jsonl; skipped 1 not kept, 1 torn last line/);
    expect(readFileSync(join(cwd, 'train.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('exports each trajectory of a log two writers corrupted once, keeping the first copy, and names the duplicates', async () => {
    const cwd = await runFolder([keptTrajectory(), rejectedTrajectory()]);
    const log = join(cwd, 'traces', 'run', 'trajectories.jsonl');
    // A second writer appended both again: the copy of the rejected one claims it was kept.
    const flipped = rejectedTrajectory();
    flipped.verdict = { ...flipped.verdict, kept: true, reason: 'accepted' };
    appendFileSync(log, `${JSON.stringify(keptTrajectory())}\n${JSON.stringify(flipped)}\n`);
    const run = await runExport(['--format', 'tau-bench', 'traces/run', '--out', 'results.json', '--all'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `exported 2 trajectories as tau-bench to ${join(cwd, 'results.json')}; skipped 0 not kept\n` +
        `2 duplicate trajectories in ${log} (ids ${keptTrajectory().id}, ${rejectedTrajectory().id}): kept the first of each\n` +
        'graded again before export: every stored verdict held\n',
    );
    expect((JSON.parse(readFileSync(join(cwd, 'results.json'), 'utf8')) as Array<{ reward: number }>).map((result) => result.reward)).toEqual([1, 0]);
  });

  it('refuses bad input with one clear line and a non-zero exit', async () => {
    const cwd = await runFolder();
    const log = join(cwd, 'traces', 'run', 'trajectories.jsonl');
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'alpaca', 'traces/run', '--out', 'x.json'], /error: unknown export format "alpaca" \(known: sharegpt, openai, tau-bench\)/],
      [['--format', 'sharegpt', 'traces/nowhere', '--out', 'x.json'], /error: .*traces\/nowhere\/manifest\.json: no run here: manifest\.json not found/],
      [['--format', 'sharegpt', 'traces/run', '--out', 'x.json', '--policy-text', 'nowhere.md'], /error: .*nowhere\.md: cannot read the file \(ENOENT\)/],
      [['--format', 'sharegpt', 'traces/run', '--out', 'x.json', '--policy-text', 'traces/run/manifest.json'], /error: .*--policy-text and --tool-text carry tau-bench's own texts, but trajectory retail-cancel-soundbar-order#0 is of blueprint retail-cancel-soundbar-order, which was not imported from tau-bench/],
      [['--format', 'openai', 'traces/run', '--out', 'x.json', '--tool-text', 'traces/run/manifest.json'], /error: .*manifest\.json: has no tool list for the retail domain/],
    ];
    for (const [argv, message] of cases) {
      const run = await runExport(argv, cwd);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }

    appendFileSync(log, 'not json\n{}\n');
    const badLog = await runExport(['--format', 'openai', 'traces/run', '--out', 'x.jsonl'], cwd);
    expect(badLog.code).toBe(1);
    expect(badLog.stderr).toBe(`error: ${log}: line 4 is not valid JSON (${badLog.stderr.match(/\((.*)\)\n$/)?.[1]})\n`);

    appendFileSync(join(cwd, 'traces', 'run', 'manifest.json'), 'garbage');
    const badManifest = await runExport(['--format', 'openai', 'traces/run', '--out', 'x.jsonl'], cwd);
    expect(badManifest.code).toBe(1);
    expect(badManifest.stderr).toMatch(/^error: .*traces\/run\/manifest\.json: cannot read the run manifest \(/);

    for (const flag of [['--all-successes'], ['--include-reasoning'], ['--policy-text', 'x.md']]) {
      const usage = await runExport(['--format', 'tau-bench', 'traces/run', '--out', 'x.json', ...flag], cwd);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toBe(`error: ${flag[0]}: only for the training formats (sharegpt, openai), not tau-bench\n`);
    }

    const missingOut = await runExport(['--format', 'openai', 'traces/run'], cwd);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/required option '--out <file>' not specified/);
  });
});
