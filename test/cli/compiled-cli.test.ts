import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STAMP, buildFreshness, COMPILED_MAIN } from '../../bin/build-freshness.js';
import { packagePath, packageRoot } from '../../src/package-root.ts';
import { runInterplayProcess } from '../support/run-cli-process.ts';
import type { CliRun } from '../support/run-cli.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const oneBlueprint = join('blueprints', 'retail', 'retail-address-moved-1.json');

/**
 * The compiled CLI under test: dist/ when it was built from the sources as they are now, else a build of
 * its own into .cache/ (inside the package, so the package root is found above it as it is above dist/).
 */
let compiledMain: string;
let ownBuild: string | undefined;

beforeAll(() => {
  if (buildFreshness(projectRoot) === 'fresh') {
    compiledMain = join(projectRoot, COMPILED_MAIN);
    return;
  }
  mkdirSync(join(projectRoot, '.cache'), { recursive: true });
  ownBuild = mkdtempSync(join(projectRoot, '.cache', 'compiled-cli-test-'));
  const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
  const build = spawnSync(process.execPath, [tsc, '-p', join(projectRoot, 'tsconfig.build.json'), '--outDir', ownBuild], { encoding: 'utf8' });
  expect(build.status, build.stdout).toBe(0);
  compiledMain = join(ownBuild, 'src', 'cli', 'main.js');
  // A whole type-checked compile: a minute or more on a loaded machine (npm run build first avoids it).
}, 900_000);

afterAll(() => {
  if (ownBuild) rmSync(ownBuild, { recursive: true, force: true });
});

const compiled = (argv: string[]) => runInterplayProcess(argv, { entry: { compiledMain } });
const fromSources = (argv: string[]) => runInterplayProcess(argv, { entry: 'sources' });

describe('the compiled CLI', () => {
  it.each([
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['generate --help (every option of a command)', ['generate', '--help']],
    ['replay of one shipped blueprint (reads the shipped database)', ['replay', oneBlueprint]],
    ['domains airline (reads the shipped policy and data)', ['domains', 'airline']],
    ['a usage error', ['replay', '--tau-tasks', 'x.json']],
  ])('prints what the TypeScript sources print: %s', async (_label, argv) => {
    const [built, sources] = await Promise.all([compiled(argv), fromSources(argv)]);
    expect(built).toEqual(sources);
    expect(built.stdout + built.stderr).not.toBe('');
  });

  it('finds the shipped files from the package root, wherever the compiled module lies', () => {
    expect(packageRoot).toBe(projectRoot.replace(/\/$/, ''));
    for (const path of [['package.json'], ['domains', 'retail', 'policy.md'], ['domains', 'airline', 'data'], ['blueprints', 'retail'], ['src', 'report', 'browser', 'report.css']]) {
      const probe = spawnSync(process.execPath, ['--input-type=module', '-e', `import { existsSync } from 'node:fs'; import { packagePath } from ${JSON.stringify(join(compiledMain, '..', '..', 'package-root.js'))}; process.stdout.write(String(existsSync(packagePath(...${JSON.stringify(path)}))));`], { encoding: 'utf8' });
      expect(probe.stdout, `${path.join('/')} from the compiled package-root.js: ${probe.stderr}`).toBe('true');
      expect(packagePath(...path).startsWith(packageRoot)).toBe(true);
    }
  });
});

/** The modules a compiled command loads, from node's ESM debug log (`Storing <url> in ModuleLoadMap`). */
function modulesLoadedBy(argv: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiledMain, ...argv], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', NODE_DEBUG: 'esm' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => void (log += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve([...log.matchAll(/Storing (\S+) .*in ModuleLoadMap/g)].map((match) => match[1] as string)));
  });
}

const packagesOf = (urls: readonly string[]) => new Set(urls.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
const heavyPackages = ['ink', 'react', 'openai', '@faker-js/faker', 'xstate', 'playwright-core', 'uplot', 'lowdb'];

describe('what a command loads', () => {
  it('builds the whole program for --help without ink, React, the openai SDK, faker or xstate', async () => {
    const loaded = await modulesLoadedBy(['--help']);
    // The probe itself works: it sees the CLI and commander (else the next check could not fail).
    expect(loaded.some((url) => url.endsWith('/src/cli/main.js'))).toBe(true);
    expect(packagesOf(loaded).has('commander')).toBe(true);
    expect([...packagesOf(loaded)].filter((name) => heavyPackages.includes(name))).toEqual([]);
  });

  it('replays without faker, ink or the openai SDK', async () => {
    const loaded = await modulesLoadedBy(['replay', oneBlueprint]);
    expect(loaded.some((url) => url.endsWith('/src/cli/commands/replay.js'))).toBe(true);
    expect([...packagesOf(loaded)].filter((name) => heavyPackages.includes(name))).toEqual([]);
  });
});

describe('bin/interplay.js', () => {
  /** A package of bin/ and a stand-in build whose main.js says it ran, to show what the bin runs. */
  let root: string;
  const source = () => join(root, 'src', 'cli', 'main.ts');
  const stamp = () => join(root, BUILD_STAMP);
  const runBin = (): CliRun => {
    const child = spawnSync(process.execPath, [join(root, 'bin', 'interplay.js'), '--version'], { encoding: 'utf8' });
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  };
  const build = (at: Date) => {
    mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, COMPILED_MAIN), "process.stdout.write('the compiled CLI ran\\n');\n");
    writeFileSync(stamp(), '{}\n');
    utimesSync(stamp(), at, at);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'interplay-bin-'));
    cpSync(join(projectRoot, 'bin'), join(root, 'bin'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type": "module"}\n');
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(source(), '// a source\n');
    utimesSync(source(), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses to run without a build, in one line that says to run npm run build', () => {
    const run = runBin();
    expect(run).toEqual({ code: 70, stdout: '', stderr: 'error: interplay is not built (no dist/): run `npm run build` (npm install runs it), or `npm run interplay -- <command>` to run from the TypeScript sources\n' });
  });

  it('refuses a build older than a source, and never runs it', () => {
    build(new Date('2025-12-31T00:00:00Z'));
    const run = runBin();
    expect(run.code).toBe(70);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("error: interplay's build (dist/) is older than its sources: run `npm run build`, or `npm run interplay -- <command>` to run from the TypeScript sources\n");
  });

  it('refuses a build that stopped half-way (compiled files, no stamp)', () => {
    build(new Date('2026-01-02T00:00:00Z'));
    rmSync(stamp());
    expect(runBin()).toMatchObject({ code: 70, stdout: '' });
  });

  it('runs a build made after the last source change', () => {
    build(new Date('2026-01-02T00:00:00Z'));
    expect(runBin()).toEqual({ code: 0, stdout: 'the compiled CLI ran\n', stderr: '' });
  });

  it('runs a shipped build whose files npm stamped with one time (an installed package)', () => {
    const npmTime = new Date('1985-10-26T08:15:00Z');
    build(npmTime);
    utimesSync(source(), npmTime, npmTime);
    expect(runBin()).toEqual({ code: 0, stdout: 'the compiled CLI ran\n', stderr: '' });
  });
});
