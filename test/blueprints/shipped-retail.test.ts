import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { planJobs } from '../../src/batch/rollout-job.ts';
import { offlineRoles } from '../../src/batch/offline-roles.ts';
import { listBlueprintFiles, readBlueprints } from '../../src/blueprints/blueprint-files.ts';
import { validateBlueprint } from '../../src/blueprints/validate-blueprint.ts';
import { checkExecution } from '../../src/blueprints/stages/execution-check.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import { runRollout } from '../../src/rollout/run-rollout.ts';
import { tickingClock } from '../support/default-retail.ts';

const folder = fileURLToPath(new URL('../../blueprints/retail/', import.meta.url));
const blueprints = readBlueprints([folder]);
const domain = retail as unknown as Domain;
const base = domain.createBase();
const writeTools = domain.tools.filter((tool) => tool.kind === 'write').map((tool) => tool.name);

describe('the shipped retail blueprints', () => {
  it('are at least 20, each in a file named after its id, authored and marked validated', () => {
    expect(blueprints.length).toBeGreaterThanOrEqual(20);
    expect(listBlueprintFiles([folder]).map((file) => basename(file))).toEqual(blueprints.map((blueprint) => `${blueprint.id}.json`));
    expect(new Set(blueprints.map((blueprint) => blueprint.id)).size).toBe(blueprints.length);
    for (const blueprint of blueprints) {
      expect(blueprint).toMatchObject({ domain: 'retail', status: 'validated', provenance: { kind: 'authored', author: 'interplay maintainers' } });
      expect(blueprint.id).toMatch(/^retail-[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('use every write tool of the domain', () => {
    const used = new Set(blueprints.flatMap((blueprint) => blueprint.actions.map((action) => action.name)));
    expect(writeTools.length).toBeGreaterThan(0);
    expect(writeTools.filter((tool) => !used.has(tool))).toEqual([]);
  });

  it('include refusals: blueprints whose gold changes nothing, each naming what the agent must say', () => {
    const refusals = blueprints.filter((blueprint) => !blueprint.actions.some((action) => domain.tool(action.name)?.kind === 'write'));
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    for (const blueprint of refusals) expect(blueprint.outputs.length, blueprint.id).toBeGreaterThan(0);
  });

  it.each(blueprints.map((blueprint) => [blueprint.id, blueprint] as const))('%s passes format, execution and policy checks', async (_id, blueprint) => {
    const outcome = await validateBlueprint({ domain, base, blueprint });
    const problems = outcome.blueprint.checks?.flatMap((check) => check.problems) ?? [];
    expect(problems).toEqual([]);
    expect(outcome.status).toBe('validated');
    expect(outcome.blueprint.checks?.map((check) => [check.stage, check.passed, check.skipped ?? false])).toEqual([
      ['format', true, false],
      ['execution', true, false],
      ['policy', true, false],
      ['committee', false, true],
    ]);
  });

  it.each(planJobs(blueprints, 1, 1).map((job) => [job.blueprint.id, job] as const))('%s is kept when the oracle agent plays it', async (id, job) => {
    const { human, agent } = offlineRoles(domain, job, 'oracle');
    const trajectory = await runRollout({ domain, base, blueprint: job.blueprint, attempt: job.attempt, seed: job.seed, human, agent, clock: tickingClock() });
    expect(trajectory.termination.reason, id).toBe('user-stop');
    // Every shipped blueprint is verifiable without a judge: a state change, or outputs the gold looked up.
    expect(trajectory.verdict, id).toMatchObject({ kept: true, reason: 'accepted' });
  });

  it('a refusal is verifiable only by what the agent looked up: an order total, not the policy\'s cancel reasons', () => {
    const refusal = blueprints.find((blueprint) => blueprint.id === 'retail-cancel-refused-reason-1');
    if (!refusal) throw new Error('shipped blueprint retail-cancel-refused-reason-1 is missing');
    expect(checkExecution(domain, base, refusal).result).toMatchObject({ passed: true, details: { patch: [] } });
    expect(checkExecution(domain, base, refusal).result.warnings).toBeUndefined();
    const policyWords = { ...refusal, outputs: ['no longer needed', 'ordered by mistake'] };
    expect(checkExecution(domain, base, policyWords).result).toMatchObject({ passed: true, details: { judgeRequired: true }, warnings: [expect.stringContaining('judge-required')] });
  });
});
