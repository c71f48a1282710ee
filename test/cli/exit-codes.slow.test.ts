import { describe, expect, it } from 'vitest';
import { runInterplayProcess } from '../support/run-cli-process.ts';

// The real CLI as a shell runs it: exit codes and streams of the process, not of a function.
describe('interplay exit codes (child process)', () => {
  it('reports a flag typo as an unknown option with a hint, in one line, exit 2, without the help', async () => {
    const run = await runInterplayProcess(['rollout', '--domian', 'retail', '--blueprints', 'retail-cancel-pending-order']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown option '--domian' (did you mean --domain?); see `interplay rollout --help`\n");
    expect(run.stdout).toBe('');
  });

  it('exits 2 for a missing argument and 1 for a bad value or an unknown domain, each in one error line', async () => {
    const missing = await runInterplayProcess(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("error: missing required argument 'paths'; see `interplay validate --help`\n");
    const badValue = await runInterplayProcess(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '0']);
    expect(badValue.code).toBe(1);
    expect(badValue.stderr).toBe('error: --trials must be a whole number from 1 to 1000, got "0"\n');
    const unknownDomain = await runInterplayProcess(['domains', '__proto__']);
    expect(unknownDomain.code).toBe(1);
    expect(unknownDomain.stderr).toBe('error: unknown domain "__proto__" (known: retail, airline)\n');
  });

  it('exits quietly with 0 when the reader of its output goes away (`interplay replay … | head`)', async () => {
    const run = await runInterplayProcess(['replay', 'blueprints/retail'], { closeStdout: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
