import { pythonStringRepr } from './python-string-repr.ts';

/** The text tau-bench returns when a dictionary lookup raises `KeyError(key)`: "Error: 'key'". */
export const keyErrorText = (key: string): string => `Error: ${pythonStringRepr(key)}`;

/** The text tau-bench returns when `list[0]` of an empty list raises `IndexError`. */
export const indexErrorText = 'Error: list index out of range';
