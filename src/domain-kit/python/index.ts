export { calculateLikePython } from './python-expression/calculate-like-python.ts';
export { compareCodePoints, lastCodePoints, sortedLikePython } from './python-code-points.ts';
export { indexErrorText, keyErrorText } from './python-error-text.ts';
export { pythonFloatRepr, pythonNumberText } from './python-float-repr.ts';
export { parsePythonInt } from './python-int-parse.ts';
export { pythonRound } from './python-round.ts';
export { pythonStringRepr } from './python-string-repr.ts';
