import { useEffect, useReducer, useRef, useState } from 'react';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { ChatModel } from '../../models/index.ts';
import { ActionForm } from './action-form.tsx';
import { blueprintToSave, checkBlueprintId, checksAreCurrent, reduceSession, sessionCandidate, type AuthorSession, type SessionChecks } from './author-model.ts';
import { BlueprintIdPrompt } from './blueprint-id-prompt.tsx';
import { detailLines } from './detail-lines.ts';
import { runAuthorChecks } from './run-author-checks.ts';
import { saveAuthoredBlueprint, saveConflict, type AuthorSaveTarget } from './save-authored-blueprint.ts';
import { ScrollableLines } from './scrollable-lines.tsx';
import { SessionOverview, type OverviewCommand } from './session-overview.tsx';
import { TextEditorScreen } from './text-editor-screen.tsx';
import { useTerminalSize, type TerminalSize } from './terminal-size.ts';
import { ToolPicker } from './tool-picker.tsx';
import { describeUserRecords } from './user-record-lines.ts';
import { UserPicker } from './user-picker.tsx';

type Screen =
  | { name: 'overview' }
  | { name: 'user' }
  | { name: 'records' }
  | { name: 'instruction' }
  | { name: 'outputs' }
  | { name: 'tool' }
  | { name: 'form'; toolName: string; index?: number }
  | { name: 'details' }
  | { name: 'id'; thenSave: boolean };

export interface AuthorEditorProps {
  initialSession: AuthorSession;
  /** Where blueprints are saved (the working folder by default; see save-authored-blueprint.ts). */
  saveTarget: AuthorSaveTarget;
  /** The clock for `createdAt` and the store's index. */
  now(): Date;
  /** Committee reviewers for the checks; none: stages 1–3 only. */
  reviewers?: readonly ChatModel[];
  /** A fixed terminal size (tests); the real terminal's otherwise. */
  size?: TerminalSize;
  onExit(): void;
  onSaved?(file: string, blueprint: Blueprint): void;
}

/** A blueprint's file as the author thinks of it: `retail/<id>.json` (under the blueprints folder). */

const firstProblem = (checks: SessionChecks) => {
  const failed = checks.stages.find((stage) => !stage.passed && !stage.skipped);
  return failed ? `${failed.stage}: ${failed.problems[0] ?? 'failed'}` : undefined;
};

/**
 * The editing session of one blueprint: the overview and the screens it opens (user, records,
 * instruction, outputs, tool, action form, details, id), the checks and the save. The session is a
 * pure reducer (`reduceSession`); this component routes keys to screens and runs the async work.
 */
export function AuthorEditor({ initialSession, saveTarget, now, reviewers = [], size: fixedSize, onExit, onSaved }: AuthorEditorProps) {
  const size = useTerminalSize(fixedSize);
  const [session, dispatch] = useReducer(reduceSession, initialSession);
  const [screen, setScreen] = useState<Screen>(initialSession.userId ? { name: 'overview' } : { name: 'user' });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<'quit' | 'overwrite' | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);

  const overview = () => setScreen({ name: 'overview' });
  const selectedIndex = Math.min(selected, Math.max(0, session.actions.length - 1));

  const check = async (current: AuthorSession): Promise<SessionChecks | undefined> => {
    setBusy(reviewers.length > 0 ? `checking: format, execution, policy, committee of ${reviewers.length}…` : 'checking: format, execution, policy (no committee models configured)…');
    try {
      const checks = await runAuthorChecks({
        domain: current.domain,
        base: current.base,
        candidate: sessionCandidate(current, { id: 'unnamed', createdAt: now().toISOString() }),
        revision: current.revision,
        reviewers,
      });
      if (!mounted.current) return undefined;
      dispatch({ type: 'checks-finished', checks });
      const problem = firstProblem(checks);
      setMessage(`checks: ${checks.status}${problem ? ` · ${problem}` : ''}`);
      return checks;
    } catch (error) {
      if (mounted.current) setMessage(`the checks could not run: ${(error as Error).message}`);
      return undefined;
    } finally {
      if (mounted.current) setBusy(undefined);
    }
  };

  const save = async (current: AuthorSession, overwrite: boolean) => {
    if (checkBlueprintId(current.id) !== undefined) return setScreen({ name: 'id', thenSave: true });
    let checked = current;
    if (!checksAreCurrent(checked)) {
      const checks = await check(checked);
      if (!checks) return;
      checked = reduceSession(checked, { type: 'checks-finished', checks });
    }
    const createdAt = checked.createdAt ?? now().toISOString();
    const blueprint = blueprintToSave(checked, createdAt);
    if (!blueprint) return setMessage(`cannot save: ${(checked.checks && firstProblem(checked.checks)) ?? 'the blueprint is not complete'}`);
    const shortPath = saveTarget.shortName;
    const conflict = saveConflict(saveTarget, blueprint, checked.file);
    if (conflict === 'protected') return setMessage(`${shortPath(blueprint)} exists and interplay did not write it (or it was edited since): it is never replaced; change the id`);
    if (!overwrite && conflict === 'replaceable') {
      setConfirming('overwrite');
      return setMessage(`${shortPath(blueprint)} exists: press s again to replace it`);
    }
    setBusy('saving…');
    try {
      const file = await saveAuthoredBlueprint(saveTarget, blueprint, { now });
      if (!mounted.current) return;
      dispatch({ type: 'saved', file, createdAt });
      const problem = checked.checks ? firstProblem(checked.checks) : undefined;
      setMessage(`saved ${shortPath(blueprint)} · status ${blueprint.status}${problem ? ` · ${problem}` : ''}`);
      onSaved?.(file, blueprint);
    } catch (error) {
      if (mounted.current) setMessage(`save failed: ${(error as Error).message}`);
    } finally {
      if (mounted.current) setBusy(undefined);
    }
  };

  const onCommand = (command: OverviewCommand) => {
    const confirmed = confirming;
    setConfirming(undefined);
    const action = session.actions[selectedIndex];
    switch (command) {
      case 'select-up':
        // From the latest value, not this render's: every key of a burst counts.
        return setSelected((value) => Math.max(0, Math.min(value, session.actions.length - 1) - 1));
      case 'select-down':
        return setSelected((value) => Math.min(Math.max(0, session.actions.length - 1), value + 1));
      case 'move-up':
      case 'move-down': {
        const offset = command === 'move-up' ? -1 : 1;
        const target = selectedIndex + offset;
        if (!action || target < 0 || target >= session.actions.length) return;
        dispatch({ type: 'move-action', index: selectedIndex, offset });
        setSelected(target);
        return setMessage(`moved ${action.name} to position ${target + 1}`);
      }
      case 'add':
        return setScreen({ name: 'tool' });
      case 'edit':
        return action ? setScreen({ name: 'form', toolName: action.name, index: selectedIndex }) : setMessage('no action to edit: press a to add one');
      case 'delete':
        if (!action) return;
        dispatch({ type: 'delete-action', index: selectedIndex });
        setSelected(Math.max(0, Math.min(selectedIndex, session.actions.length - 2)));
        return setMessage(`deleted action ${selectedIndex + 1} (${action.name})`);
      case 'toggle-expect-error':
        if (!action) return;
        dispatch({ type: 'toggle-expect-error', index: selectedIndex });
        return setMessage(`action ${selectedIndex + 1} ${action.expectError ? 'is expected to succeed' : 'is expected to return an error'}`);
      case 'instruction':
        return setScreen({ name: 'instruction' });
      case 'outputs':
        return setScreen({ name: 'outputs' });
      case 'user':
        return setScreen({ name: 'user' });
      case 'records':
        return session.userId ? setScreen({ name: 'records' }) : setScreen({ name: 'user' });
      case 'details':
        return setScreen({ name: 'details' });
      case 'rename':
        return setScreen({ name: 'id', thenSave: false });
      case 'check':
        return void check(session);
      case 'save':
        return void save(session, confirmed === 'overwrite');
      case 'quit':
        if (!session.dirty || confirmed === 'quit') return onExit();
        setConfirming('quit');
        return setMessage('unsaved changes: press q again to quit without saving');
      case 'other':
        return setMessage('');
    }
  };

  switch (screen.name) {
    case 'user':
      return (
        <UserPicker
          domainName={session.domain.name}
          base={session.base}
          size={size}
          onPick={(userId) => {
            dispatch({ type: 'set-user', userId });
            setScreen({ name: 'records' });
          }}
          onCancel={() => (session.userId ? overview() : onExit())}
        />
      );
    case 'records':
      return (
        <ScrollableLines
          title={`records of ${session.userId ?? ''} (before any action)`}
          lines={describeUserRecords(session.domain.name, session.base, session.userId ?? '')}
          width={size.columns}
          height={size.rows - 1}
          onClose={overview}
        />
      );
    case 'instruction':
      return (
        <TextEditorScreen
          title="Instruction"
          hint="What the simulated user wants, in their words: who they are, what to ask, what to accept. Shown only to the simulated user."
          initialText={session.instruction}
          size={size}
          onDone={(text) => {
            dispatch({ type: 'set-instruction', instruction: text.trim() });
            overview();
          }}
          onCancel={overview}
        />
      );
    case 'outputs':
      return (
        <TextEditorScreen
          title="Outputs"
          hint="One per line: the facts the agent must tell the user (matched lower-cased, commas removed)."
          initialText={session.outputs.join('\n')}
          size={size}
          onDone={(text) => {
            dispatch({ type: 'set-outputs', outputs: text.split('\n').map((line) => line.trim()).filter((line) => line !== '') });
            overview();
          }}
          onCancel={overview}
        />
      );
    case 'tool':
      return <ToolPicker domain={session.domain} size={size} onPick={(toolName) => setScreen({ name: 'form', toolName })} onCancel={overview} />;
    case 'form': {
      const tool = session.domain.tool(screen.toolName);
      if (!tool) {
        return (
          <ScrollableLines
            title={`no tool "${screen.toolName}" in the ${session.domain.name} domain`}
            lines={['This action names a tool the domain does not have: delete it (d) and add a new one.']}
            width={size.columns}
            height={size.rows - 1}
            onClose={overview}
          />
        );
      }
      const index = screen.index;
      return (
        <ActionForm
          session={session}
          tool={tool}
          {...(index === undefined ? {} : { index })}
          size={size}
          onCancel={overview}
          onSubmit={(action) => {
            const position = index ?? session.actions.length;
            dispatch(index === undefined ? { type: 'add-action', action } : { type: 'replace-action', index, action });
            setSelected(position);
            const preview = reduceSession(session, index === undefined ? { type: 'add-action', action } : { type: 'replace-action', index, action }).evaluation.results[position];
            setMessage(`${index === undefined ? 'added' : 'changed'} action ${position + 1}: ${action.name} ${preview?.ok ? '✓' : '✗'}`);
            overview();
          }}
        />
      );
    }
    case 'details':
      return <ScrollableLines title="details: diff, results, checks" lines={detailLines(session, size.columns)} width={size.columns} height={size.rows - 1} onClose={overview} />;
    case 'id':
      return (
        <BlueprintIdPrompt
          initialId={session.id}
          folder={`${saveTarget.folderFor(session.domain.name)}/`}
          size={size}
          onCancel={overview}
          onDone={(id) => {
            dispatch({ type: 'set-id', id });
            overview();
            if (screen.thenSave) void save(reduceSession(session, { type: 'set-id', id }), false);
          }}
        />
      );
    case 'overview':
      return <SessionOverview session={session} selected={selectedIndex} message={message} busy={busy} size={size} onCommand={onCommand} />;
  }
}
