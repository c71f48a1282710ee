import { spawnSync } from 'node:child_process';
import { buildFreshness } from '../bin/build-freshness.js';
import { packagePath, packageRoot } from '../src/package-root.ts';

/** The entry point users run (`npx interplay`): the compiled build in dist/. */
export const interplayBin = packagePath('bin', 'interplay.js');

/** Builds dist/ when it is missing or older than the sources, so a bench measures what `npx interplay` runs. */
export function ensureFreshBuild(): void {
  if (buildFreshness(packageRoot) === 'fresh') return;
  console.log('  (building dist/ first: the bench measures the build `npx interplay` runs)');
  const build = spawnSync(process.execPath, [packagePath('scripts', 'build.js')], { cwd: packageRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}
