import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { JUDGE_REQUIRED_WARNING } from '../../../src/blueprints/stages/judge-required.ts';
import { sessionFromBlueprint } from '../../../src/tui/author/author-model.ts';
import { checkReport } from '../../../src/tui/author/check-lines.ts';
import { runAuthorChecks } from '../../../src/tui/author/run-author-checks.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';

const domain = retail as unknown as Domain;

describe('checkReport', () => {
  it("shows a stage's warnings under it: an authored look-up with no outputs passes only as judge-required", async () => {
    const blueprint = cancelBlueprint();
    const lookOnly = { ...blueprint, actions: blueprint.actions.slice(0, 1), outputs: [] };
    const session = sessionFromBlueprint(domain, retailBase(), lookOnly);
    const checks = await runAuthorChecks({ domain, base: retailBase(), candidate: lookOnly, revision: session.revision });
    expect(checks.status).toBe('validated');
    const lines = checkReport({ ...session, checks });
    expect(lines.slice(0, 4)).toEqual(['status: validated', '✓ format', '✓ execution', `    warning: ${JUDGE_REQUIRED_WARNING}`]);
  });
});
