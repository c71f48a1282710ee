import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import type { ToolDefinition, ToolParams } from '../../domain-kit/index.ts';
import { previewAction, type AuthorSession } from './author-model.ts';
import { HelpLine } from './help-line.tsx';
import { useScreenKeys } from './screen-keys.tsx';
import { ScrollableLines } from './scrollable-lines.tsx';
import { editText, textBuffer, type TextBuffer } from './text-editing.ts';
import { TextField } from './text-field.tsx';
import { clip, oneLine, truncate } from './text-layout.ts';
import type { TerminalSize } from './terminal-size.ts';
import { cycleChoice, describeFormErrors, formFields, initialFormValues, readForm, type FormField } from './tool-form.ts';
import { describeUserRecords } from './user-record-lines.ts';

interface ActionFormProps {
  session: AuthorSession;
  tool: ToolDefinition<never, ToolParams>;
  /** The action being edited; absent for a new action (added at the end). */
  index?: number;
  size: TerminalSize;
  onSubmit(action: BlueprintAction): void;
  onCancel(): void;
}

const kindHints: Record<FormField['kind'], string> = {
  text: 'text',
  number: 'a number',
  boolean: '←→ or space: true / false',
  choice: '←→ or space: choose',
  'text-list': 'a comma-separated list',
  json: 'JSON, checked against the parameter schema',
};

/** Whether a field is edited by cycling through values rather than by typing. */
const cycles = (field: FormField) => field.kind === 'choice' || field.kind === 'boolean';

/**
 * A form generated from the tool's zod parameters: one row per parameter (text, number, choice,
 * comma list, JSON), then "expect error". Each value is checked by its parameter's schema on submit,
 * the problem shown under its field; while the form is valid it previews the action's result.
 */
export function ActionForm({ session, tool, index, size, onSubmit, onCancel }: ActionFormProps) {
  const fields = useMemo(() => formFields(tool), [tool]);
  const existing = index === undefined ? undefined : session.actions[index];
  const [buffers, setBuffers] = useState<Record<string, TextBuffer>>(() => {
    const values = initialFormValues(fields, existing?.name === tool.name ? existing.arguments : {});
    return Object.fromEntries(fields.map((field) => [field.name, textBuffer(values[field.name] ?? '')]));
  });
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [expectError, setExpectError] = useState(existing?.expectError === true);
  const [peeking, setPeeking] = useState(false);

  const values = Object.fromEntries(fields.map((field) => [field.name, buffers[field.name]?.text ?? '']));
  const reading = readForm(tool, fields, values);
  const position = index ?? session.actions.length;
  const preview = reading.ok ? previewAction(session, position, { name: tool.name, arguments: reading.arguments }) : undefined;
  const rows = fields.length + 1;
  const field = fields[focus];

  const submit = () => {
    if (!reading.ok) {
      setErrors(reading.errors);
      const first = fields.findIndex((candidate) => reading.errors[candidate.name] !== undefined);
      if (first >= 0) setFocus(first);
      return;
    }
    onSubmit({ name: tool.name, arguments: reading.arguments, ...(expectError ? { expectError: true } : {}) });
  };

  useScreenKeys(
    (input, key) => {
      if (key.escape) return onCancel();
      if (key.ctrl && input === 'r') return setPeeking(true);
      if (key.ctrl && input === 's') return submit();
      if (key.return) return focus >= rows - 1 ? submit() : setFocus(focus + 1);
      if (key.upArrow || (key.tab && key.shift)) return setFocus((value) => (value - 1 + rows) % rows);
      if (key.downArrow || key.tab) return setFocus((value) => (value + 1) % rows);
      if (!field) {
        if (key.leftArrow || key.rightArrow || input === ' ') setExpectError((value) => !value);
        return;
      }
      if (cycles(field)) {
        if (key.leftArrow || key.rightArrow || input === ' ') {
          const next = cycleChoice(field, buffers[field.name]?.text ?? '', key.leftArrow ? -1 : 1);
          setBuffers((current) => ({ ...current, [field.name]: textBuffer(next) }));
          setErrors(({ [field.name]: _fixed, ...rest }) => rest);
        }
        return;
      }
      setBuffers((current) => {
        const edited = editText(current[field.name] ?? textBuffer(''), input, key, false);
        return edited ? { ...current, [field.name]: edited } : current;
      });
      setErrors(({ [field.name]: _fixed, ...rest }) => rest);
    },
    { isActive: !peeking },
  );

  if (peeking) {
    const lines = session.userId ? describeUserRecords(session.domain.name, session.base, session.userId) : ['no user picked yet'];
    return <ScrollableLines title={`records of ${session.userId ?? '(no user)'} (before any action)`} lines={lines} width={size.columns} height={size.rows - 1} onClose={() => setPeeking(false)} closeKeys={['return']} />;
  }

  const labelWidth = Math.min(24, Math.max(14, ...fields.map((candidate) => candidate.name.length + 2)));
  const valueWidth = Math.max(10, size.columns - labelWidth - 4);
  const focusedHint = field ? `${field.required ? 'required' : 'optional'} · ${kindHints[field.kind]}${field.description ? ` · ${oneLine(field.description)}` : ''}` : 'mark the action as meant to fail (a refusal case)';
  const previewText = preview ? `${preview.result.ok ? '✓' : '✗'} ${oneLine(preview.result.content)}` : `fix the form to preview: ${describeFormErrors(reading.ok ? {} : reading.errors)[0] ?? ''}`;
  // Title, description, fields, expect error, hint, preview (2), help (2): the rest of 24 rows is for the problems.
  const errorRoom = Math.max(1, size.rows - 1 - (fields.length + 9));
  const errorLines = clip(
    describeFormErrors(errors).map((line) => `✗ ${line}`),
    errorRoom,
    (count) => `✗ … ${count} more: move to the fields marked ✗`,
  );

  return (
    <Box flexDirection="column" width={size.columns}>
      <Text bold wrap="truncate-end">
        {`${index === undefined ? 'New action' : `Edit action ${index + 1}`}: ${tool.name}`}
        <Text dimColor>{` (${tool.kind}) · position ${position + 1}`}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {oneLine(tool.description)}
      </Text>
      {fields.map((candidate, row) => {
        const focused = row === focus;
        const buffer = buffers[candidate.name] ?? textBuffer('');
        const error = errors[candidate.name] !== undefined;
        return (
          <Box key={candidate.name}>
            <Text color={error ? 'red' : focused ? 'cyan' : undefined} bold={focused}>
              {`${focused ? '>' : error ? '✗' : ' '} ${`${candidate.name}${candidate.required ? '*' : ''}`.padEnd(labelWidth)}`}
            </Text>
            {cycles(candidate) ? (
              <Text color={focused ? 'cyan' : undefined}>{`‹ ${buffer.text === '' ? '(not given)' : buffer.text} ›`}</Text>
            ) : (
              <TextField buffer={buffer} active={focused} width={valueWidth} placeholder={candidate.kind === 'text-list' ? 'a, b, c' : candidate.kind === 'json' ? 'JSON' : ''} />
            )}
          </Box>
        );
      })}
      <Text color={focus === fields.length ? 'cyan' : undefined} bold={focus === fields.length}>
        {`${focus === fields.length ? '>' : ' '} ${'expect error'.padEnd(labelWidth)}‹ ${expectError ? 'yes' : 'no'} ›`}
      </Text>
      <Text dimColor wrap="truncate-end">
        {focusedHint}
      </Text>
      {errorLines.map((line, row) => (
        <Text key={row} color="red" wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Box height={2} overflow="hidden">
        <Text color={preview ? (preview.result.ok ? 'green' : 'red') : 'gray'} wrap="wrap">
          {truncate(`preview: ${previewText}`, size.columns * 2)}
        </Text>
      </Box>
      <HelpLine keys={['↑↓/tab field', 'type to edit', '←→/space choose', 'enter next (submit on last)', 'ctrl+s submit', 'ctrl+r records', 'esc cancel']} />
    </Box>
  );
}
