// Whether dist/ (the compiled CLI) matches the TypeScript sources beside it. Plain JavaScript: it runs
// before anything is compiled (bin/interplay.js) and in the build script itself.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file the build writes last; its modification time is the moment the build began. */
export const BUILD_STAMP = join('dist', 'build-stamp.json');
/** The compiled entry point of the CLI. */
export const COMPILED_MAIN = join('dist', 'src', 'cli', 'main.js');
/** The folders the build compiles (tsconfig.build.json's include). */
export const SOURCE_FOLDERS = ['src', 'domains'];

/** The newest modification time (ms) of a .ts/.tsx source under the package's source folders, 0 if none. */
export function newestSourceTime(root) {
  let newest = 0;
  for (const folder of SOURCE_FOLDERS) {
    const absolute = join(root, folder);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * `fresh` when dist/ was built from the sources as they are now; `missing` when there is no complete
 * build; `stale` when a source changed after the build began (a build that failed half-way writes no
 * stamp, so it reads as missing). An installed package has its files' times set alike by npm, so its
 * shipped build reads as fresh.
 */
export function buildFreshness(root) {
  const stamp = join(root, BUILD_STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, COMPILED_MAIN))) return 'missing';
  return newestSourceTime(root) > statSync(stamp).mtimeMs ? 'stale' : 'fresh';
}

/** One line telling what to do about a build that is not fresh. */
export function buildProblem(freshness) {
  if (freshness === 'missing') return 'interplay is not built (no dist/): run `npm run build` (npm install runs it), or `npm run interplay -- <command>` to run from the TypeScript sources';
  if (freshness === 'stale') return 'interplay\'s build (dist/) is older than its sources: run `npm run build`, or `npm run interplay -- <command>` to run from the TypeScript sources';
  return undefined;
}
