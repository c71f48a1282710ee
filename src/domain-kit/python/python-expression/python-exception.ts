/**
 * A Python exception raised while evaluating an expression. `text` is `str(exception)`, which is what
 * tau-bench shows the model after "Error: ".
 */
export class PythonException extends Error {
  override readonly name = 'PythonException';
  constructor(
    readonly pythonType: string,
    readonly text: string,
  ) {
    super(`${pythonType}: ${text}`);
  }
}

export const typeError = (text: string) => new PythonException('TypeError', text);
export const zeroDivisionError = (text: string) => new PythonException('ZeroDivisionError', text);
export const overflowError = (text: string) => new PythonException('OverflowError', text);

/** A syntax error as `str()` shows it for source compiled from a string. */
export const syntaxError = (text: string, line = 1) => new PythonException('SyntaxError', `${text} (<string>, line ${line})`);
