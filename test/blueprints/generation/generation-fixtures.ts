import { airline } from '../../../domains/airline/index.ts';
import { retail } from '../../../domains/retail/index.ts';
import { BLUEPRINT_SCHEMA_VERSION, type Blueprint } from '../../../src/blueprints/blueprint.ts';
import { buildApiGraph, type ApiGraph } from '../../../src/blueprints/generation/api-graph.ts';
import type { BlueprintValidator, GenerationValidation } from '../../../src/blueprints/generation/blueprint-validator.ts';
import { validateBlueprint } from '../../../src/blueprints/validate-blueprint.ts';
import type { BaseState, Domain } from '../../../src/domain-kit/index.ts';

/** A shipped domain with its default data and API graph, built once per test file. */
export interface DomainFixture {
  domain: Domain;
  base: BaseState;
  graph: ApiGraph;
}

const fixtures = new Map<string, DomainFixture>();

export function domainFixture(name: 'retail' | 'airline'): DomainFixture {
  let fixture = fixtures.get(name);
  if (!fixture) {
    const domain = (name === 'retail' ? retail : airline) as unknown as Domain;
    const base = domain.createBase();
    fixture = { domain, base, graph: buildApiGraph(domain, base) };
    fixtures.set(name, fixture);
  }
  return fixture;
}

/** The real validation pipeline, offline (stages 1–3, no committee). */
export const offlineValidator =
  ({ domain, base }: DomainFixture): BlueprintValidator =>
  (blueprint, signal) =>
    validateBlueprint({ domain, base, blueprint, ...(signal ? { signal } : {}) });

/** A validator double: records what it was given and accepts (or rejects at a stage) without checking. */
export function fakeValidator(verdict: { accept: boolean; failAt?: 'format' | 'execution' | 'policy' | 'committee' } = { accept: true }) {
  const seen: Blueprint[] = [];
  const validate: BlueprintValidator = async (blueprint) => {
    seen.push(blueprint);
    const failAt = verdict.accept ? undefined : (verdict.failAt ?? 'execution');
    const checks = (['format', 'execution', 'policy', 'committee'] as const).map((stage) =>
      stage === 'committee' ? { stage, passed: false, skipped: true, problems: [] } : { stage, passed: stage !== failAt, problems: stage === failAt ? [`${stage} failed`] : [] },
    );
    const status = verdict.accept ? 'validated' : 'rejected';
    const outcome: GenerationValidation = {
      accepted: verdict.accept,
      status,
      blueprint: { ...blueprint, status, checks },
      history: [{ round: 0, instruction: blueprint.instruction, actions: blueprint.actions, outputs: blueprint.outputs, checks }],
      ...(failAt ? { failedStage: failAt } : {}),
    };
    return outcome;
  };
  return { validate, seen };
}

/** A validated blueprint for tests of few-shot and recombination. */
export function acceptedBlueprint(overrides: Partial<Blueprint> & Pick<Blueprint, 'id' | 'userId'>): Blueprint {
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    domain: 'retail',
    instruction: 'Your name is Test User and your email is test@example.com. You want something done.',
    actions: [],
    outputs: [],
    provenance: { kind: 'authored', author: 'tests' },
    status: 'validated',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const fixedClock = () => new Date('2026-01-02T03:04:05.000Z');
