/**
 * A commander action that imports its command's implementation only when the command runs. Building
 * the program (for `--help`, or to run one command) then loads each command's name, options and help
 * text, never what the other commands need (ink and React, faker, the openai SDK, xstate).
 *
 * @param load imports the implementation and returns the handler commander calls with the command's
 *   arguments, options and the command itself.
 */
export function lazyAction<Arguments extends unknown[]>(load: () => Promise<(...args: Arguments) => unknown>): (...args: Arguments) => Promise<void> {
  return async (...args: Arguments) => {
    const handler = await load();
    await handler(...args);
  };
}
