import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { checkFormat } from '../../../src/blueprints/stages/format-check.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { cancelBlueprint, identifyByEmail, pendingOrder, retailBase } from '../../support/default-retail.ts';

const domain = retail as unknown as Domain;

describe('stage 1: format', () => {
  it('passes a well-formed blueprint and hands back the parsed blueprint', () => {
    const blueprint = cancelBlueprint();
    const { result, blueprint: parsed } = checkFormat(domain, retailBase(), blueprint);
    expect(result).toEqual({ stage: 'format', passed: true, problems: [] });
    expect(parsed).toEqual(blueprint);
  });

  it('reports every schema problem with its path, and no blueprint', () => {
    const { instruction: _instruction, ...rest } = cancelBlueprint();
    const candidate = { ...rest, id: 'has space', actions: [{ name: 'get_order_details', arguments: 'not an object' }], outputs: [42] };
    const { result, blueprint } = checkFormat(domain, retailBase(), candidate);
    expect(blueprint).toBeUndefined();
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual([
      'id: ids are letters, digits, dot, underscore and dash',
      'instruction: missing (expected string)',
      'actions[0].arguments: expected record, received string',
      'outputs[0]: expected string, received number',
    ]);
  });

  it('names the wrong domain, the unknown user, unknown tools and every bad argument', () => {
    const order = pendingOrder().order_id;
    const candidate = {
      ...cancelBlueprint(),
      domain: 'airline',
      userId: 'nobody_1234',
      actions: [
        identifyByEmail(),
        { name: 'get_order_details', arguments: { order_id: order } },
        { name: 'cancel_pending_order', arguments: { order_id: 1234, reason: 'changed my mind', note: 'x' } },
        { name: 'cancel_order', arguments: {} },
        { name: 'modify_user_address', arguments: { user_id: 'nobody_1234' } },
      ],
    };
    const { result, blueprint } = checkFormat(domain, retailBase(), candidate);
    expect(blueprint?.id).toBe('cancel-pending');
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual([
      'domain: the blueprint is for "airline", not "retail"',
      'userId: no user "nobody_1234" in the retail data',
      'actions[2].arguments.note: unexpected argument for cancel_pending_order',
      'actions[2].arguments.order_id: expected string, received number',
      'actions[2].arguments.reason: expected one of "no longer needed"|"ordered by mistake"',
      'actions[3].name: unknown tool "cancel_order" in the retail domain',
      'actions[4].arguments.address1: missing (expected string)',
      'actions[4].arguments.address2: missing (expected string)',
      'actions[4].arguments.city: missing (expected string)',
      'actions[4].arguments.state: missing (expected string)',
      'actions[4].arguments.country: missing (expected string)',
      'actions[4].arguments.zip: missing (expected string)',
    ]);
  });

  it('rejects what is not a blueprint at all', () => {
    expect(checkFormat(domain, retailBase(), null).result.problems).toEqual(['(blueprint): expected object, received null']);
  });
});
