import { resolve } from 'node:path';
import { readBlueprints } from '../../blueprints/blueprint-files.ts';
import { describeCallProblems, DomainState, diffStates, pythonJsonDumps, renderDiff, replayActions, type BaseState, type Domain, type ToolCall } from '../../domain-kit/index.ts';
import { readTauBenchTasks, taskActions } from '../../interop/tau-bench-tasks.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';

interface ReplayOptions {
  domain?: string;
  data?: string;
  tauTasks?: string;
  verbose?: boolean;
}

/** What `interplay replay` does (its command line is in replay-command.ts). */
export function replayAction(io: CliIo) {
  return (paths: string[], options: ReplayOptions) => {
    if (options.tauTasks && paths.length > 0) throw new UsageError('give either --tau-tasks or blueprint files, not both');
    if (!options.tauTasks && paths.length === 0) throw new UsageError('give --tau-tasks <file> or blueprint files to replay');
    if (options.tauTasks) {
      if (!options.domain) throw new UsageError('--tau-tasks needs --domain');
      const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
      const tasks = readTauBenchTasks(resolve(io.cwd, options.tauTasks));
      rejectMalformed(domain, tasks.map((task) => ({ label: `task ${task.task_index}`, actions: taskActions(task) })));
      for (const task of tasks) io.out(`${pythonJsonDumps({ task_index: task.task_index, hash: replayOne(domain, base, taskActions(task), `task ${task.task_index}`, options.verbose ? io : undefined) })}\n`);
      return;
    }
    const blueprints = readBlueprints(paths.map((path) => resolve(io.cwd, path)));
    const domainNames = new Set(blueprints.map((blueprint) => blueprint.domain));
    const name = options.domain ?? (domainNames.size === 1 ? [...domainNames][0] : undefined);
    if (!name) throw new UsageError(`the blueprints span several domains (${[...domainNames].join(', ')}): pass --domain`);
    const foreign = blueprints.filter((blueprint) => blueprint.domain !== name);
    if (foreign.length > 0) throw new UsageError(`blueprint ${foreign[0]?.id} is for domain ${foreign[0]?.domain}, not ${name}`);
    const { domain, base } = loadDomain(name, options.data, io.cwd);
    rejectMalformed(domain, blueprints.map((blueprint) => ({ label: `blueprint ${blueprint.id}`, actions: blueprint.actions })));
    for (const blueprint of blueprints) io.out(`${pythonJsonDumps({ id: blueprint.id, hash: replayOne(domain, base, blueprint.actions, blueprint.id, options.verbose ? io : undefined) })}\n`);
  };
}

/** Unknown tools and malformed arguments are bad input, refused before anything runs (tool errors are not). */
function rejectMalformed(domain: Domain, tasks: { label: string; actions: readonly ToolCall[] }[]) {
  const problems = tasks.flatMap((task) => describeCallProblems(domain, task.actions).map((problem) => `${task.label}, ${problem}`));
  if (problems.length > 0) throw new UsageError(`${problems.length} malformed action(s):\n  ${problems.slice(0, 10).join('\n  ')}`);
}

function replayOne(domain: Domain, base: BaseState, actions: readonly ToolCall[], label: string, verbose: CliIo | undefined): string {
  const start = new DomainState(base);
  const state = start.fork();
  const results = replayActions(domain, state, actions);
  if (verbose) {
    verbose.err(`# ${label}\n`);
    results.forEach((result, index) => verbose.err(`  ${result.ok ? 'ok   ' : 'error'} ${actions[index]?.name}: ${result.content.slice(0, 200)}\n`));
    verbose.err(`${renderDiff(diffStates(start, state)).replace(/^/gm, '  ')}\n`);
  }
  return state.hash();
}
