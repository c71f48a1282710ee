import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { airline } from '../../../../domains/airline/index.ts';
import { airlinePolicyRules } from '../../../../domains/airline/policy/index.ts';
import { findUser, traceOf } from './policy-fixtures.ts';

const policyFolder = new URL('../../../../domains/airline/policy/', import.meta.url);

describe('the airline policy rules', () => {
  it('are the domain’s rules, with unique kebab-case names, one sentence each, governing real tools', () => {
    expect(airline.policyRules).toBe(airlinePolicyRules);
    const names = airlinePolicyRules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of airlinePolicyRules) {
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      for (const tool of rule.appliesTo) expect(airline.tool(tool)?.kind, `${rule.name} governs ${tool}`).toBe('write');
    }
  });

  it('live one per file named after the rule, each listed in the README, and each has its test', () => {
    const files = readdirSync(policyFolder);
    const readme = readFileSync(new URL('README.md', policyFolder), 'utf8');
    const tests = readdirSync(new URL('./', import.meta.url));
    for (const { name } of airlinePolicyRules) {
      expect(files).toContain(`${name}.ts`);
      expect(readme).toContain(`\`${name}\``);
      expect(tests).toContain(`${name}.test.ts`);
    }
  });

  it('find nothing wrong with an empty conversation', () => {
    const trace = traceOf(findUser(() => true).userId, []);
    expect(airlinePolicyRules.flatMap((rule) => rule.check(trace))).toEqual([]);
  });
});
