import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { airline } from '../../../domains/airline/index.ts';
import { retail } from '../../../domains/retail/index.ts';
import { readBlueprintFile } from '../../../src/blueprints/blueprint-files.ts';
import { checkExecution } from '../../../src/blueprints/stages/execution-check.ts';
import { checkFormat } from '../../../src/blueprints/stages/format-check.ts';
import { checkBlueprintPolicy } from '../../../src/blueprints/stages/policy-check.ts';
import { DomainState, type BaseState, type Domain } from '../../../src/domain-kit/index.ts';
import { ScriptedChatModel, textReply } from '../../../src/models/index.ts';
import { AuthorApp, type AuthorAppProps } from '../../../src/tui/author/author-app.tsx';
import { storeTarget, workingFolderTarget } from '../../../src/tui/author/save-authored-blueprint.ts';
import { readBlueprints } from '../../../src/blueprints/blueprint-files.ts';
import { writeBlueprintSet } from '../../../src/blueprints/blueprint-output.ts';
import { pendingOrder, retailBase } from '../../support/default-retail.ts';
import { frameFits, keys, paste, press, type, waitForFrame } from './terminal-keys.ts';

const retailDomain = retail as unknown as Domain;
const airlineDomain = airline as unknown as Domain;
const size = { columns: 80, rows: 24 };
const clock = () => new Date('2026-01-02T03:04:05.000Z');

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'interplay-author-'));
});
afterEach(() => {
  cleanup();
  rmSync(folder, { recursive: true, force: true });
});

/** Authors "cancel the pending order" for its user with this instruction, names it `id`, and presses s to save. */
async function authorPendingOrderCancel(terminal: ReturnType<typeof render>, instruction: string, id: string) {
  const order = pendingOrder();
  await press(terminal);
  await type(terminal, order.user_id);
  await press(terminal, keys.enter, keys.escape, 'i');
  await type(terminal, instruction);
  await press(terminal, keys.ctrlS, 'a');
  await type(terminal, 'cancel_pending');
  await press(terminal, keys.enter);
  await type(terminal, order.order_id);
  await press(terminal, keys.ctrlS, 'n');
  await paste(terminal, id);
  await press(terminal, keys.enter, 's');
}

function renderAuthor(props: Partial<AuthorAppProps> = {}) {
  const onExit = vi.fn();
  const bases = new Map<string, BaseState>();
  const baseFor = (domain: Domain) => bases.get(domain.name) ?? (bases.set(domain.name, domain === retailDomain ? (retailBase() as unknown as BaseState) : domain.createBase()), bases.get(domain.name) as BaseState);
  const terminal = render(<AuthorApp domains={[retailDomain, airlineDomain]} domain={retailDomain} baseFor={baseFor} saveTarget={storeTarget(folder)} now={clock} size={size} onExit={onExit} {...props} />);
  return { terminal, onExit };
}

const frameOf = (terminal: { lastFrame(): string | undefined }) => terminal.lastFrame() ?? '';
const actionLines = (frame: string) => frame.split('\n').filter((line) => /^[> ] +\d+ [✓✗] /.test(line));

describe('interplay author', () => {
  test('writes a blueprint: pick a user, add actions through forms, reorder, delete, check, save', async () => {
    const order = pendingOrder();
    const user = new DomainState(retailBase()).get('users', order.user_id);
    const { terminal, onExit } = renderAuthor({ author: 'tester' });
    await press(terminal);

    // Pick the user by typing part of their email.
    expect(frameOf(terminal)).toContain('pick a user');
    await type(terminal, user?.email.split('@')[0] ?? '');
    expect(frameOf(terminal)).toContain(`> ${order.user_id}`);
    await press(terminal, keys.enter);

    // Their records: the pending order with its items.
    let frame = frameOf(terminal);
    expect(frame).toContain(`records of ${order.user_id}`);
    expect(frame).toContain(`${order.order_id} pending`);
    expect(frame).toContain(order.items[0]?.item_id);
    await press(terminal, keys.enter);

    // Instruction and outputs.
    await press(terminal, 'i');
    await paste(terminal, `You want to cancel order ${order.order_id}`);
    await press(terminal, keys.enter);
    await paste(terminal, 'because you no longer need it.');
    await press(terminal, keys.ctrlS);
    expect(frameOf(terminal)).toContain(`instruction: You want to cancel order ${order.order_id} because you no longer need it.`);
    await press(terminal, 'o');
    await type(terminal, String(order.payment_history[0]?.amount));
    await press(terminal, keys.ctrlS);
    expect(frameOf(terminal)).toContain(`outputs: ${order.payment_history[0]?.amount}`);

    // Add cancel_pending_order through its generated form.
    await press(terminal, 'a');
    await type(terminal, 'cancel pending');
    await press(terminal, keys.enter);
    frame = frameOf(terminal);
    expect(frame).toContain('New action: cancel_pending_order');
    expect(frame).toContain('‹ no longer needed ›');
    await type(terminal, order.order_id);
    expect(frameOf(terminal)).toContain('preview: ✓');
    await press(terminal, keys.ctrlS);
    frame = frameOf(terminal);
    expect(actionLines(frame)).toEqual([`>  1 ✓ cancel_pending_order order_id="${order.order_id}" reason="no longer needed"`]);
    expect(frame).toContain('result of 1: ✓ {"order_id"');
    expect(frame).toContain(`orders/${order.order_id}`);
    expect(frame).toContain('~ status: "pending" -> "cancelled"');
    expect(frame).toContain('+ cancel_reason: "no longer needed"');
    expect(frameFits(frame, 80, 24)).toBe(true);

    // Add get_order_details: enter walks the fields and submits on the last row.
    await press(terminal, 'a');
    await type(terminal, 'get_order');
    await press(terminal, keys.enter);
    await type(terminal, order.order_id);
    await press(terminal, keys.enter, keys.enter);
    frame = frameOf(terminal);
    expect(actionLines(frame)).toEqual([`   1 ✓ cancel_pending_order order_id="${order.order_id}" reason="no longer needed"`, `>  2 ✓ get_order_details order_id="${order.order_id}"`]);

    // Reorder: shift+up moves the selected action up, alt+down back down, shift+up again.
    await press(terminal, keys.shiftUp);
    expect(actionLines(frameOf(terminal))).toEqual([`>  1 ✓ get_order_details order_id="${order.order_id}"`, `   2 ✓ cancel_pending_order order_id="${order.order_id}" reason="no longer needed"`]);
    await press(terminal, keys.altDown);
    expect(actionLines(frameOf(terminal))[1]).toBe(`>  2 ✓ get_order_details order_id="${order.order_id}"`);
    await press(terminal, keys.shiftUp);
    expect(actionLines(frameOf(terminal))[0]).toBe(`>  1 ✓ get_order_details order_id="${order.order_id}"`);
    expect(frameOf(terminal)).toContain('~ status: "pending" -> "cancelled"');

    // An invalid form value is refused, named by its field.
    await press(terminal, 'a');
    await type(terminal, 'return_delivered');
    await press(terminal, keys.enter);
    await type(terminal, order.order_id);
    await press(terminal, keys.enter);
    await type(terminal, '[1]');
    await press(terminal, keys.ctrlS);
    frame = frameOf(terminal);
    expect(frame).toContain('New action: return_delivered_order_items');
    expect(frame).toMatch(/✗ item_ids: 0: .*expected string/);
    await press(terminal, keys.escape);
    expect(frameOf(terminal)).toContain('actions (2)');

    // The policy wants the user identified first: add the lookup, then move it to the top with alt+up.
    await press(terminal, 'a');
    await type(terminal, 'find_user_id_by_em');
    await press(terminal, keys.enter);
    await paste(terminal, user?.email ?? '');
    await press(terminal, keys.ctrlS);
    expect(actionLines(frameOf(terminal))[2]).toBe(`>  3 ✓ find_user_id_by_email email="${user?.email}"`);
    expect(frameOf(terminal)).toContain(`result of 3: ✓ ${order.user_id}`);
    await press(terminal, keys.altUp, keys.altUp);
    expect(actionLines(frameOf(terminal))).toEqual([
      `>  1 ✓ find_user_id_by_email email="${user?.email}"`,
      `   2 ✓ get_order_details order_id="${order.order_id}"`,
      `   3 ✓ cancel_pending_order order_id="${order.order_id}" reason="no longer needed"`,
    ]);

    // Add a fourth action, then delete it.
    await press(terminal, keys.down, keys.down, 'a');
    await type(terminal, 'think');
    await press(terminal, keys.enter);
    await paste(terminal, 'the user is sure');
    await press(terminal, keys.ctrlS);
    expect(frameOf(terminal)).toContain('actions (4)');
    expect(actionLines(frameOf(terminal))[3]).toBe('>  4 ✓ think thought="the user is sure"');
    await press(terminal, 'd');
    frame = frameOf(terminal);
    expect(frame).toContain('actions (3)');
    expect(frame).toContain('deleted action 4 (think)');

    // Checks: stages 1–3 pass, no committee models.
    await press(terminal, 'c');
    frame = await waitForFrame(terminal, (text) => text.includes('-> validated'));
    expect(frame).toContain('checks: ✓ format ✓ execution ✓ policy – committee -> validated');

    // Save: asks for an id first and refuses an invalid one.
    await press(terminal, 's');
    expect(frameOf(terminal)).toContain('Blueprint id');
    await type(terminal, 'cancel one!');
    await press(terminal, keys.enter);
    expect(frameOf(terminal)).toContain('✗ ids are letters, digits, dot, underscore and dash');
    await press(terminal, ...Array.from({ length: 5 }, () => keys.backspace));
    await paste(terminal, '-pending-by-hand');
    await press(terminal, keys.enter);
    frame = await waitForFrame(terminal, (text) => text.includes('saved retail/'));
    expect(frame).toContain('status validated');
    expect(frame).toContain('saved · retail · user');
    expect(frame).toContain('saved retail/cancel-pending-by-hand.json · status validated');
    expect(frameFits(frame, 80, 24)).toBe(true);

    const file = join(folder, 'retail', 'cancel-pending-by-hand.json');
    const saved = readBlueprintFile(file);
    expect(saved).toMatchObject({
      id: 'cancel-pending-by-hand',
      domain: 'retail',
      userId: order.user_id,
      instruction: `You want to cancel order ${order.order_id}\nbecause you no longer need it.`,
      outputs: [String(order.payment_history[0]?.amount)],
      actions: [
        { name: 'find_user_id_by_email', arguments: { email: user?.email } },
        { name: 'get_order_details', arguments: { order_id: order.order_id } },
        { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } },
      ],
      provenance: { kind: 'authored', author: 'tester' },
      status: 'validated',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(saved.checks?.map((check) => [check.stage, check.passed, check.skipped === true])).toEqual([
      ['format', true, false],
      ['execution', true, false],
      ['policy', true, false],
      ['committee', false, true],
    ]);
    expect(JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')).blueprints['cancel-pending-by-hand']).toMatchObject({ domain: 'retail', status: 'validated', file: 'retail/cancel-pending-by-hand.json' });

    // The file read back passes stages 1–3 on its own.
    const base = retailBase() as unknown as BaseState;
    const format = checkFormat(retailDomain, base, JSON.parse(readFileSync(file, 'utf8')));
    expect(format.result).toMatchObject({ passed: true, problems: [] });
    const execution = checkExecution(retailDomain, base, saved);
    expect(execution.result).toMatchObject({ passed: true, problems: [] });
    expect(checkBlueprintPolicy(retailDomain, execution.trace)).toMatchObject({ passed: true, problems: [] });

    // Nothing unsaved: q quits at once.
    await press(terminal, 'q');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  test('edits an existing blueprint: the form starts from its arguments, the save keeps id, provenance and creation time', async () => {
    const shipped = fileURLToPath(new URL('../../../blueprints/retail/retail-cancel-pending-order.json', import.meta.url));
    mkdirSync(join(folder, 'retail'));
    const file = join(folder, 'retail', 'retail-cancel-pending-order.json');
    copyFileSync(shipped, file);
    const original = readBlueprintFile(file);
    const { terminal } = renderAuthor({ blueprint: original, blueprintFile: file });
    await press(terminal);

    let frame = frameOf(terminal);
    expect(frame.split('\n')[0]).toBe('saved · retail · user chet_klein_6896 · id retail-cancel-pending-order');
    expect(actionLines(frame).map((line) => line.split(' ').filter(Boolean).slice(0, 4).join(' '))).toEqual(['> 1 ✓ find_user_id_by_email', '2 ✓ get_order_details order_id="#W4049349"', '3 ✓ cancel_pending_order order_id="#W4049349"']);

    await press(terminal, keys.down, keys.down, keys.enter);
    frame = frameOf(terminal);
    expect(frame).toContain('Edit action 3: cancel_pending_order');
    expect(frame).toContain('#W4049349');
    expect(frame).toContain('‹ ordered by mistake ›');
    await press(terminal, keys.down, keys.right, keys.ctrlS);
    frame = frameOf(terminal);
    expect(actionLines(frame)[2]).toBe('>  3 ✓ cancel_pending_order order_id="#W4049349" reason="no longer needed"');
    expect(frame).toContain('changed action 3: cancel_pending_order ✓');
    expect(frame.split('\n')[0]).toMatch(/^modified · retail/);

    // Saving runs the checks first; the file being edited is replaced without asking.
    await press(terminal, 's');
    frame = await waitForFrame(terminal, (text) => text.includes('saved retail/'));
    const saved = readBlueprintFile(file);
    expect(saved.actions[2]?.arguments.reason).toBe('no longer needed');
    expect(saved).toMatchObject({ id: original.id, createdAt: original.createdAt, provenance: original.provenance, status: 'validated' });
  });

  test('asks before replacing another blueprint file with the same id that interplay wrote; never replaces one it did not', async () => {
    mkdirSync(join(folder, 'retail'));
    const shipped = fileURLToPath(new URL('../../../blueprints/retail/retail-cancel-pending-order.json', import.meta.url));
    copyFileSync(shipped, join(folder, 'retail', 'retail-cancel-pending-order.json'));
    const protectedRun = renderAuthor();
    await authorPendingOrderCancel(protectedRun.terminal, 'Cancel it.', 'retail-cancel-pending-order');
    expect(await waitForFrame(protectedRun.terminal, (text) => text.includes('exists'))).toContain('interplay did not write it');
    await press(protectedRun.terminal, 's');
    expect(readBlueprintFile(join(folder, 'retail', 'retail-cancel-pending-order.json')).instruction).not.toBe('Cancel it.');
    cleanup();

    // The same file, written by interplay (and not edited since): replaceable after a confirmation.
    writeBlueprintSet(join(folder, 'retail'), [readBlueprintFile(shipped)]);
    const { terminal } = renderAuthor();
    await authorPendingOrderCancel(terminal, 'Cancel it.', 'retail-cancel-pending-order');
    const frame = await waitForFrame(terminal, (text) => text.includes('exists'));
    expect(frame).toContain('press s again to replace it');
    expect(readBlueprintFile(join(folder, 'retail', 'retail-cancel-pending-order.json')).instruction).not.toBe('Cancel it.');
    await press(terminal, 's');
    await waitForFrame(terminal, (text) => text.includes('saved retail/'));
    expect(readBlueprintFile(join(folder, 'retail', 'retail-cancel-pending-order.json')).instruction).toBe('Cancel it.');
  });

  test('a blueprint that fails a check is saved as rejected, with the problem shown', async () => {
    const order = pendingOrder();
    const { terminal } = renderAuthor();
    await press(terminal);
    await type(terminal, order.user_id);
    await press(terminal, keys.enter, keys.enter, 'i');
    await paste(terminal, 'Cancel it twice.');
    await press(terminal, keys.ctrlS);
    for (let time = 0; time < 2; time++) {
      await press(terminal, 'a');
      await type(terminal, 'cancel_pending');
      await press(terminal, keys.enter);
      await paste(terminal, order.order_id);
      await press(terminal, keys.ctrlS);
    }
    let frame = frameOf(terminal);
    expect(actionLines(frame)[1]).toMatch(/^> +2 ✗ cancel_pending_order/);
    expect(frame).toContain('result of 2: ✗ Error: non-pending order cannot be cancelled');
    await press(terminal, 'c');
    frame = await waitForFrame(terminal, (text) => text.includes('-> rejected'));
    expect(frame).toContain('checks: ✓ format ✗ execution -> rejected');
    expect(frame).toContain('checks: rejected · execution: actions[1] (cancel_pending_order): returned');

    // Marking the second cancel as a refusal case satisfies the execution check; the policy still objects.
    await press(terminal, 'x');
    expect(frameOf(terminal)).toContain('[expect error] cancel_pending_order');
    expect(frameOf(terminal)).toContain('(out of date: c to re-run)');
    await press(terminal, 'c');
    frame = await waitForFrame(terminal, (text) => text.includes('✓ execution ✗ policy -> rejected'));
    expect(frame).toContain('checks: rejected · policy: rule ');
    await press(terminal, 'n');
    await paste(terminal, 'cancel-twice');
    await press(terminal, keys.enter, 's');
    frame = await waitForFrame(terminal, (text) => text.includes('saved retail/'));
    expect(frame).toContain('saved retail/cancel-twice.json · status rejected · policy: rule');
    const saved = readBlueprintFile(join(folder, 'retail', 'cancel-twice.json'));
    expect(saved).toMatchObject({ status: 'rejected', actions: [{ name: 'cancel_pending_order' }, { name: 'cancel_pending_order', expectError: true }] });
    expect(saved.checks?.find((check) => check.stage === 'policy')?.passed).toBe(false);
  });

  test('asks before quitting with unsaved changes; the form can show the user records', async () => {
    const order = pendingOrder();
    const { terminal, onExit } = renderAuthor();
    await press(terminal);
    await type(terminal, order.user_id);
    await press(terminal, keys.enter, keys.enter, 'a', keys.enter);
    expect(frameOf(terminal)).toContain('New action: calculate');
    await press(terminal, keys.ctrlR);
    expect(frameOf(terminal)).toContain(`${order.order_id} pending`);
    await press(terminal, keys.escape);
    expect(frameOf(terminal)).toContain('New action: calculate');
    await press(terminal, keys.escape, 'q');
    expect(frameOf(terminal)).toContain('unsaved changes: press q again');
    expect(onExit).not.toHaveBeenCalled();
    await press(terminal, 'q');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  test('with reviewer models the checks end with the committee; details show its reviews, the whole diff and the results', async () => {
    const verdict = { reflection: 'The actions do what the user asks.', correctness: 1, completeness: 1, satisfaction: 1, creativity: 1, correction: '' };
    const reviewers = ['judge-a', 'judge-b', 'judge-c'].map((id) => new ScriptedChatModel([textReply(JSON.stringify(verdict))], { id }));
    const shipped = readBlueprintFile(fileURLToPath(new URL('../../../blueprints/retail/retail-cancel-pending-order.json', import.meta.url)));
    const { terminal } = renderAuthor({ blueprint: shipped, reviewers });
    await press(terminal, 'c');
    let frame = await waitForFrame(terminal, (text) => text.includes('-> approved'));
    expect(frame).toContain('checks: ✓ format ✓ execution ✓ policy ✓ committee -> approved');
    for (const reviewer of reviewers) expect(reviewer.remaining).toBe(0);
    await press(terminal, 'v');
    frame = frameOf(terminal);
    expect(frame).toContain('diff (initial -> after all actions):');
    expect(frame).toContain('results (3 action(s), each run after the ones before it):');
    await press(terminal, ...Array.from({ length: 40 }, () => keys.down));
    frame = frameOf(terminal);
    expect(frame).toContain('committee reviews:');
    expect(frame).toContain('judge-a: correctness 1, completeness 1, satisfaction 1, creativity 1');
    expect(frameFits(frame, 80, 24)).toBe(true);
    await press(terminal, keys.escape);
    expect(frameOf(terminal)).toContain('-> approved');
  });

  test('without a domain it asks for one first, then lists that domain\'s users', async () => {
    const { terminal } = renderAuthor({ domain: undefined });
    await press(terminal);
    let frame = frameOf(terminal);
    expect(frame).toContain('pick a domain');
    expect(frame).toContain('retail');
    expect(frame).toContain('airline');
    await type(terminal, 'air');
    await press(terminal, keys.enter);
    frame = frameOf(terminal);
    expect(frame).toContain('interplay author · airline · pick a user');
    const firstUser = new DomainState(airlineDomain.createBase()).entries('users').next().value?.[0] as string;
    expect(frame).toContain(firstUser);
    await press(terminal, keys.enter);
    frame = frameOf(terminal);
    expect(frame).toContain(`records of ${firstUser}`);
    expect(frame).toMatch(/reservations \(\d+\):/);

    // A number field refuses words; a JSON field is checked against its schema; both are named.
    const user = new DomainState(airlineDomain.createBase()).get('users', firstUser) as { reservations: string[] };
    await press(terminal, keys.enter, 'a');
    await type(terminal, 'update_reservation_bag');
    await press(terminal, keys.enter);
    await paste(terminal, user.reservations[0] ?? '');
    await press(terminal, keys.enter);
    await type(terminal, 'two');
    await press(terminal, keys.ctrlS);
    frame = frameOf(terminal);
    expect(frame).toContain('New action: update_reservation_baggages');
    expect(frame).toContain('✗ total_baggages: expected a number, got "two"');
    expect(frame).toContain('✗ nonfree_baggages: required');
    await press(terminal, keys.escape, 'a');
    await type(terminal, 'update_reservation_pass');
    await press(terminal, keys.enter);
    await paste(terminal, user.reservations[0] ?? '');
    await press(terminal, keys.enter);
    await paste(terminal, '[{"first_name": "Ada"}]');
    await press(terminal, keys.ctrlS);
    frame = frameOf(terminal);
    expect(frame).toMatch(/✗ passengers: 0\.last_name: .*expected string/);
    expect(frameFits(frame, 80, 24)).toBe(true);

    // The largest form (11 parameters), all its problems at once, still fits 80x24.
    await press(terminal, keys.escape, 'a');
    await type(terminal, 'book_res');
    await press(terminal, keys.enter, keys.ctrlS);
    frame = frameOf(terminal);
    expect(frame).toContain('New action: book_reservation');
    expect(frame).toContain('✗ flights: required');
    expect(frame).toMatch(/✗ … \d+ more: move to the fields marked ✗/);
    expect(frameFits(frame, 80, 24)).toBe(true);
    expect(existsSync(join(folder, 'airline'))).toBe(false);
  });

  // In-process twin of author-screen.slow.test.ts: ink subscribes a screen's useInput handler after drawing it,
  // so keys sent in the same write as the key that opens a screen must still reach the new screen.
  test('gives the keys sent in the same write as the key that opens a screen to that new screen', async () => {
    const order = pendingOrder();
    const { terminal } = renderAuthor();
    await press(terminal);
    await type(terminal, order.user_id);
    await press(terminal, keys.enter, keys.enter);
    expect(frameOf(terminal)).toMatch(/^i instruction/m);
    await press(terminal, `i${keys.left}Cancel my order`);
    expect(frameOf(terminal).split('\n')[0]).toBe('Instruction');
    expect(frameOf(terminal)).toContain('Cancel my order');
    await press(terminal, `${keys.ctrlS}${keys.down}a${keys.down}cancel`);
    expect(frameOf(terminal).split('\n')[0]).toBe('interplay author · retail · new action: pick a tool');
    expect(frameOf(terminal).split('\n')[2]).toMatch(/^> cancel_pending_order \(write\)/);
    await press(terminal, `${keys.enter}${keys.down} `);
    expect(frameOf(terminal)).toMatch(/^> reason\* +‹ (?!\(not given\))/m);
  });

  test('saves to the working folder <blueprints>/<domain>/generated/ by default, which the shipped set never includes', async () => {
    const { terminal } = renderAuthor({ saveTarget: workingFolderTarget(folder) });
    await authorPendingOrderCancel(terminal, 'Cancel my pending order.', 'by-hand');
    expect(await waitForFrame(terminal, (text) => text.includes('saved retail/'))).toContain('saved retail/generated/by-hand.json');
    expect(readBlueprintFile(join(folder, 'retail', 'generated', 'by-hand.json')).id).toBe('by-hand');
    expect(existsSync(join(folder, 'index.json'))).toBe(false);
    expect(readBlueprints([folder])).toEqual([]);
  });
});
