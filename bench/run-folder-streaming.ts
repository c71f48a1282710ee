import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/cli/cli-io.ts';
import { runCli } from '../src/cli/program.ts';
import { startChatCompletionsServer } from '../src/models/testing/index.ts';
import type { Trajectory } from '../src/rollout/trajectory.ts';
import { median, formatTargetLine, type BenchFigure } from './bench-report.ts';
import { ensureFreshBuild, interplayBin } from './fresh-build.ts';
import { scriptedSupportConversation } from './scripted-support-conversation.ts';

const MIB = 1024 * 1024;
/** The issue's limit: `regrade` of 100k trajectories under 400 MB of peak RSS. */
const REGRADE_RSS_LIMIT_MB = 400;
const REGRADE_ROUNDS = 3;
/** A heap cap that shows regrade's live memory: it completes within it only if nothing grows with the log. */
const CAPPED_OLD_SPACE_MB = 128;

function quietIo(cwd: string): CliIo {
  return { out: () => undefined, err: () => undefined, now: () => new Date(), env: {}, cwd, isTerminal: false };
}

async function generate(args: string[], folder: string): Promise<void> {
  const code = await runCli(['generate', ...args, '--out', folder], quietIo(process.cwd()));
  if (code !== 0) throw new Error(`generate ${args.join(' ')} exited ${code}`);
}

/** Bytes of a run folder's events.jsonl and trajectories.jsonl. */
function logSizes(folder: string): { events: number; trajectories: number } {
  return { events: statSync(join(folder, 'events.jsonl')).size, trajectories: statSync(join(folder, 'trajectories.jsonl')).size };
}

/** Copies of each template blueprint in a synthesised run: 25 shipped retail blueprints become 1,000. */
const BLUEPRINT_COPIES = 40;

/**
 * Writes a run folder of `count` trajectories shaped like a large real run (1,000 blueprints, trials spread over
 * them: 100 each at 100k): the template run's blueprints copied under new ids into its inputs, and its
 * trajectories (one per blueprint) replicated onto the copies with new ids and attempts. The log is written
 * directly: generating 100k rollouts would take far longer than reading them.
 */
async function replicateRun(template: string, count: number): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'interplay-bench-regrade-')), 'run');
  mkdirSync(folder);
  copyFileSync(join(template, 'manifest.json'), join(folder, 'manifest.json'));
  const inputs = JSON.parse(readFileSync(join(template, 'inputs.json'), 'utf8')) as { blueprints: Array<{ id: string }> };
  const copyId = (id: string, copy: number) => `${id}-copy${copy}`;
  const blueprints = Array.from({ length: BLUEPRINT_COPIES }, (_, copy) => inputs.blueprints.map((blueprint) => ({ ...blueprint, id: copyId(blueprint.id, copy) }))).flat();
  writeFileSync(join(folder, 'inputs.json'), JSON.stringify({ ...inputs, blueprints }));
  const templates = readFileSync(join(template, 'trajectories.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Trajectory);
  const perRound = templates.length * BLUEPRINT_COPIES;
  const out = createWriteStream(join(folder, 'trajectories.jsonl'));
  for (let index = 0; index < count; index++) {
    const trajectory = templates[index % templates.length] as Trajectory;
    const blueprintId = copyId(trajectory.blueprintId, Math.floor(index / templates.length) % BLUEPRINT_COPIES);
    const attempt = Math.floor(index / perRound);
    if (!out.write(`${JSON.stringify({ ...trajectory, blueprintId, id: `${blueprintId}#${attempt}`, attempt })}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return folder;
}

/**
 * Runs `interplay regrade <folder>` as users run it (bin/interplay.js, the compiled build) in a child process
 * (with extra node flags); its peak RSS (VmHWM, polled from /proc) in MB.
 */
async function regradePeakRss(folder: string, nodeFlags: string[] = []): Promise<number> {
  const child = spawn(process.execPath, [...nodeFlags, interplayBin, 'regrade', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
  let peakKib = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const poll = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKib = Math.max(peakKib, Number(match[1]));
    } catch {
      // Gone between polls: the last reading stands.
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(poll);
  if (code !== 0 || stderr !== '') throw new Error(`regrade exited ${code}: ${stderr.trim()}`);
  return peakKib / 1024;
}

/**
 * Run folders stay small and readable at any size: events.jsonl against the trajectory log's bytes, for an
 * offline batch and a model-backed one (the scripted loopback server in this process), and the peak RSS of
 * `interplay regrade` (a child process) over a synthesised log of 100k trajectories, against 1k in the same run.
 */
export async function runFolderStreaming(): Promise<Array<BenchFigure | string>> {
  ensureFreshBuild();
  const scratch = mkdtempSync(join(tmpdir(), 'interplay-bench-streaming-'));
  const lines: Array<BenchFigure | string> = [];
  try {
    const offline = join(scratch, 'offline');
    await generate(['--domain', 'retail', '--blueprints', 'blueprints/retail', '--offline', '--trials', '2'], offline);
    const offlineSizes = logSizes(offline);

    const server = await startChatCompletionsServer(scriptedSupportConversation());
    const modelBacked = join(scratch, 'model-backed');
    try {
      await generate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--trials', '32', '--agent-model', 'bench-agent', '--agent-base-url', server.baseURL, '--human-model', 'bench-human', '--human-base-url', server.baseURL], modelBacked);
    } finally {
      await server.close();
    }
    const modelSizes = logSizes(modelBacked);
    for (const [name, sizes] of [['offline batch', offlineSizes], ['model-backed batch (loopback server)', modelSizes]] as const) {
      lines.push({ name: `${name}: events.jsonl / trajectories.jsonl`, value: sizes.events / sizes.trajectories, unit: 'x', target: { comparison: '<', value: 0.3 }, note: `${(sizes.events / 1024).toFixed(0)} KiB / ${(sizes.trajectories / 1024).toFixed(0)} KiB` });
    }

    // One trajectory per blueprint to replicate, so every copy gets its own ids.
    const template = join(scratch, 'template');
    await generate(['--domain', 'retail', '--blueprints', 'blueprints/retail', '--offline', '--trials', '1'], template);
    const small = await replicateRun(template, 1_000);
    const large = await replicateRun(template, 100_000);
    const smallRss: number[] = [];
    const largeRss: number[] = [];
    const cappedRss: number[] = [];
    for (let round = 0; round < REGRADE_ROUNDS; round++) {
      smallRss.push(await regradePeakRss(small));
      largeRss.push(await regradePeakRss(large));
      cappedRss.push(await regradePeakRss(large, [`--max-old-space-size=${CAPPED_OLD_SPACE_MB}`]));
    }
    const rss1k = median(smallRss);
    const rss100k = median(largeRss);
    // What the reader holds, apart from the slack V8 leaves before collecting: it still runs with little old space.
    lines.push({ name: `regrade 100k, node --max-old-space-size=${CAPPED_OLD_SPACE_MB}: peak RSS`, value: median(cappedRss), unit: 'MB', note: 'the same run with a capped heap: what regrade holds, without V8 slack' });
    lines.push({ name: 'regrade 1k trajectories: peak RSS (child process)', value: rss1k, unit: 'MB' });
    lines.push({ name: `regrade 100k trajectories: peak RSS (${(statSync(join(large, 'trajectories.jsonl')).size / MIB).toFixed(0)} MiB log)`, value: rss100k, unit: 'MB', target: { comparison: '<', value: REGRADE_RSS_LIMIT_MB } });

    const worst = [offlineSizes, modelSizes].reduce((a, b) => (a.events / a.trajectories >= b.events / b.trajectories ? a : b));
    lines.push(
      formatTargetLine({
        target: 'events.jsonl at most 0.3x the trajectory log (the larger of the offline and model-backed batches)',
        figure: { name: 'events.jsonl', value: worst.events / 1024, unit: 'KiB' },
        reference: { name: 'trajectories.jsonl', value: worst.trajectories / 1024, unit: 'KiB' },
        limit: { comparison: '<=', value: 0.3 },
      }),
    );
    lines.push(
      formatTargetLine({
        target: `regrade of 100k trajectories under ${REGRADE_RSS_LIMIT_MB} MB peak RSS (at 1k, same run: ${rss1k.toFixed(0)} MB)`,
        figure: { name: 'peak RSS at 100k', value: rss100k, unit: 'MB' },
        reference: { name: 'the limit', value: REGRADE_RSS_LIMIT_MB, unit: 'MB' },
        limit: { comparison: '<=', value: 1 },
      }),
    );
    rmSync(small, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return lines;
}
