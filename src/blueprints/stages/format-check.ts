import { DomainState, parseArguments, type BaseState, type Domain } from '../../domain-kit/index.ts';
import { blueprintSchema, type Blueprint } from '../blueprint.ts';
import { describeIssues, formatProblemPath } from '../problem-path.ts';
import type { StageResult } from '../validation-result.ts';

export interface FormatCheck {
  result: StageResult;
  /** The blueprint, when it has the blueprint schema (even if a later problem of this stage fails it). */
  blueprint?: Blueprint;
}

/**
 * Stage 1: the blueprint has the blueprint schema, belongs to this domain, calls only the domain's
 * tools with arguments their parameters accept, and names a user that exists in the base data.
 * Every problem is reported, each with its path (`actions[1].arguments.order_id: expected string, received number`).
 */
export function checkFormat(domain: Domain, base: BaseState, candidate: unknown): FormatCheck {
  const parsed = blueprintSchema.safeParse(candidate);
  if (!parsed.success) return { result: { stage: 'format', passed: false, problems: describeIssues(parsed.error.issues) } };
  const blueprint = parsed.data;
  const problems: string[] = [];
  if (blueprint.domain !== domain.name) problems.push(`domain: the blueprint is for "${blueprint.domain}", not "${domain.name}"`);
  if (!new DomainState(base).has('users', blueprint.userId)) {
    // An imported blueprint names a user of the data it was imported with, which is not the shipped data.
    const hint = blueprint.provenance.kind === 'imported' ? ` (it was imported from ${blueprint.provenance.source}: pass --data with the data folder of that import, <out>/data)` : '';
    problems.push(`userId: no user "${blueprint.userId}" in the ${domain.name} data${hint}`);
  }
  blueprint.actions.forEach((action, index) => problems.push(...actionProblems(domain, action, index)));
  return { result: { stage: 'format', passed: problems.length === 0, problems }, blueprint };
}

/** The problems of one action's tool name and arguments (the same rules `domain.execute` applies). */
function actionProblems(domain: Domain, action: Blueprint['actions'][number], index: number): string[] {
  const tool = domain.tool(action.name);
  if (!tool) return [`actions[${index}].name: unknown tool "${action.name}" in the ${domain.name} domain`];
  if (parseArguments(tool, action.arguments).ok) return [];
  const argumentsPath = ['actions', index, 'arguments'];
  const known = new Set(Object.keys(tool.params.shape));
  const problems = Object.keys(action.arguments)
    .filter((key) => !known.has(key))
    .map((key) => `${formatProblemPath([...argumentsPath, key])}: unexpected argument for ${tool.name}`);
  const checked = tool.params.safeParse(action.arguments);
  if (!checked.success) problems.push(...describeIssues(checked.error.issues, argumentsPath));
  return problems;
}
