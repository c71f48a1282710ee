// `npm run build` (and `prepare`, so `npm install` and `npm ci` build): compiles src/ and domains/ into
// dist/ with tsconfig.build.json, type-checking as it goes, then writes dist/build-stamp.json, whose
// time is the moment the build began: bin/interplay.js refuses a build older than its sources.
//
// `npm ci --omit=dev` installs no TypeScript: an existing build that is still fresh is kept; without
// one the install fails with one line saying how to build (the published package ships dist/ and
// never runs this).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, buildFreshness } from '../bin/build-freshness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = new Date();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (buildFreshness(root) === 'fresh') {
    console.error('build: TypeScript is not installed (a production install); keeping the existing build in dist/');
    process.exit(0);
  }
  console.error('build: TypeScript is not installed (npm install --omit=dev leaves it out), so dist/ cannot be built: run `npm install` with dev dependencies, or install the published package, which ships dist/');
  process.exit(1);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const compile = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compile.status !== 0) {
  console.error('build: tsc failed; dist/ has no build stamp, so `interplay` refuses to run it until a build succeeds');
  process.exit(compile.status ?? 1);
}
const stamp = join(root, BUILD_STAMP);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(stamp, `${JSON.stringify({ builtFrom: 'tsconfig.build.json', startedAt: started.toISOString() })}\n`);
utimesSync(stamp, started, started);
