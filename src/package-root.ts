import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds interplay's package.json: where the shipped files live (domains' data and
 * policies, blueprints, report assets). Found by walking up from this module, not by a fixed
 * `../..`, because the same module runs from src/ (tsx, tests) and from dist/src/ (the build).
 */
function findPackageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}: interplay's package root cannot be found`);
    folder = parent;
  }
  return folder;
}

/** The package root (see findPackageRoot), found once. */
export const packageRoot: string = findPackageRoot();

/** A path inside the package, from its root: `packagePath('domains', 'retail', 'policy.md')`. */
export const packagePath = (...segments: string[]): string => join(packageRoot, ...segments);

/** The version in package.json: recorded in every run manifest. */
export const codeVersion = (): string => (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
