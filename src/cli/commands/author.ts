import { basename, dirname, relative, resolve } from 'node:path';
import { domains as shippedDomains, getDomain } from '../../../domains/index.ts';
import { readBlueprintFile } from '../../blueprints/blueprint-files.ts';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import type { AuthorAppProps } from '../../tui/author/author-app.tsx';
import { plainFolderTarget, storeTarget, workingFolderTarget, type AuthorSaveTarget } from '../../tui/author/save-authored-blueprint.ts';
import { startAuthorUi } from '../../tui/author/start-author-ui.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { createRoleModel, resolveModelRoles } from '../model-roles.ts';

interface AuthorOptions {
  domain?: string;
  data?: string;
  store: string;
  out?: string;
  into?: string;
  author?: string;
  [flag: string]: unknown;
}

/** What runs the UI; tests pass one that records the props instead of drawing. */
export type AuthorUiStarter = (props: AuthorAppProps) => Promise<void>;

/** What `interplay author` does (its command line is in author-command.ts); `startUi` draws the UI (ink) by default. */
export function authorAction(io: CliIo, startUi: AuthorUiStarter = startAuthorUi) {
  return async (file: string | undefined, options: AuthorOptions) => {
    if (!io.isTerminal) throw new UsageError('author is interactive: run it in a terminal (stdout is not a TTY)');
    const blueprintFile = file === undefined ? undefined : resolve(io.cwd, file);
    const blueprint: Blueprint | undefined = blueprintFile === undefined ? undefined : readBlueprintFile(blueprintFile);
    if (blueprint && options.domain && options.domain !== blueprint.domain) throw new UsageError(`${file} is a ${blueprint.domain} blueprint, not ${options.domain}`);
    const domainName = blueprint?.domain ?? options.domain;
    if (options.data && !domainName) throw new UsageError('--data needs --domain (which domain is the data for?)');
    const domain = domainName === undefined ? undefined : getDomain(domainName);
    const saveTarget = authorSaveTarget(options, domainName, io);

    const bases = new Map<string, BaseState>();
    const baseFor = (chosen: Domain): BaseState => {
      let base = bases.get(chosen.name);
      if (!base) {
        base = loadDomain(chosen.name, chosen.name === domainName ? options.data : undefined, io.cwd).base;
        bases.set(chosen.name, base);
      }
      return base;
    };
    if (domain) baseFor(domain);

    const reviewers = resolveModelRoles(options, io).reviewers.map((config) => createRoleModel(config, io));
    const saved: string[] = [];
    await startUi({
      domains: [...shippedDomains.values()],
      baseFor,
      ...(domain ? { domain } : {}),
      ...(blueprint ? { blueprint } : {}),
      ...(blueprintFile ? { blueprintFile } : {}),
      ...(options.author ? { author: options.author } : {}),
      saveTarget,
      now: io.now,
      reviewers,
      onSaved: (path) => void saved.push(path),
    });
    for (const path of [...new Set(saved)]) io.out(`saved ${relative(io.cwd, path)}\n`);
  };
}

/**
 * Where the author's saves go: the working folder `<store>/<domain>/generated/` by default, `--out`, or
 * with `--into <store>/<domain>` the shipped set (the domain must then be known up front).
 */
function authorSaveTarget(options: AuthorOptions, domain: string | undefined, io: CliIo): AuthorSaveTarget {
  if (options.out !== undefined && options.into !== undefined) throw new UsageError('--out and --into conflict: save to a working folder (--out) or into the shipped set (--into), not both');
  if (options.out !== undefined) return plainFolderTarget(resolve(io.cwd, options.out));
  if (options.into === undefined) return workingFolderTarget(resolve(io.cwd, options.store));
  const folder = resolve(io.cwd, options.into);
  if (domain === undefined) throw new UsageError('--into needs the domain up front: pass --domain, or a blueprint file to edit');
  if (basename(folder) !== domain) throw new UsageError(`--into names a store's ${domain} folder (<store>/${domain}, e.g. blueprints/${domain}), not ${options.into}`);
  return storeTarget(dirname(folder));
}
