import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { formatValidation } from '../../src/batch/format-batch-report.ts';
import { createBlueprintValidator, validateBlueprints } from '../../src/batch/validate-blueprints.ts';
import { readBlueprints } from '../../src/blueprints/blueprint-files.ts';
import { ValidationUnfinishedError } from '../../src/blueprints/validation-unfinished-error.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import { ModelRequestError, ModelUnavailableError, ScriptedChatModel, textReply, type ChatModel } from '../../src/models/index.ts';
import { review } from '../blueprints/review-replies.ts';
import { retailBase } from '../support/default-retail.ts';

const domain = retail as unknown as Domain;
const shipped = readBlueprints([fileURLToPath(new URL('../../blueprints/retail', import.meta.url))]).slice(0, 3).map((blueprint) => ({ ...blueprint, status: 'draft' as const }));
const approve = () => textReply(JSON.stringify(review([1, 1, 1, 1])));
const down = (id: string) => new ScriptedChatModel([0, 1, 2].map(() => new ModelUnavailableError(id, 'server-error', 503, 3, 'overloaded')), { id });

describe('phase 1 verdicts: undecided and unfinished are not rejections', () => {
  it('keeps every blueprint\'s verdict when one blueprint\'s reviewers are down: the others still count', async () => {
    const reviewersFor: Record<string, () => ChatModel[]> = {
      [shipped[0]!.id]: () => ['a', 'b', 'c'].map((id) => new ScriptedChatModel([approve()], { id })),
      [shipped[1]!.id]: () => [down('a'), down('b'), down('c')],
      [shipped[2]!.id]: () => ['a', 'b', 'c'].map((id) => new ScriptedChatModel([textReply('no idea'), textReply('still none')], { id })),
    };
    const validate = createBlueprintValidator({ domain, base: retailBase(), models: (blueprint) => ({ reviewers: reviewersFor[blueprint.id]!() }) });
    const verdicts = await validateBlueprints(shipped, { validate, concurrency: 2, signal: new AbortController().signal });
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['approved', 'unfinished', 'undecided']);
    expect(verdicts[1]?.blueprint).toEqual(shipped[1]);
    expect(verdicts[1]?.problems[0]).toMatch(/^validation did not finish: no quorum because reviewer calls failed: 0 of 3 reviewers voted/);
    expect(verdicts[2]?.problems[0]).toBe('no quorum: all 3 reviewers abstained');
    const text = formatValidation(verdicts.map(({ blueprint: _blueprint, ...verdict }) => verdict));
    expect(text).toContain('blueprints: 3 checked — 0 validated, 1 approved, 0 rejected (left out), 1 undecided (no quorum, left out), 1 not validated (--resume validates them again)');
    expect(text).toContain(`  undecided ${shipped[2]!.id}: no quorum: all 3 reviewers abstained`);
    expect(text).toMatch(/\n1 blueprint not validated: no quorum because reviewer calls failed/);
  });

  it('stops phase 1 at once when an endpoint refuses the key: no further blueprint is validated', async () => {
    const asked: string[] = [];
    const validate = createBlueprintValidator({
      domain,
      base: retailBase(),
      models: (blueprint) => {
        asked.push(blueprint.id);
        return { reviewers: [new ScriptedChatModel([new ModelRequestError('judge', 401, 'bad key')], { id: 'judge' })] };
      },
    });
    const failure = await validateBlueprints(shipped, { validate, concurrency: 1, signal: new AbortController().signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationUnfinishedError);
    expect(failure).toMatchObject({ endpointRejected: true, role: 'reviewer', model: 'judge' });
    expect(asked).toEqual([shipped[0]!.id]);
  });
});
