import { binaryOperation, unaryOperation } from './python-arithmetic.ts';
import { PythonException, typeError } from './python-exception.ts';
import { parsePythonExpression, type ExpressionNode } from './expression-parser.ts';
import { pythonStr, typeName, type PythonValue } from './python-value.ts';

/**
 * CPython refuses to compile expressions nested this deep ("maximum recursion depth exceeded during
 * compilation"): measured on CPython 3.11 called from shallow Python code, counting every operator,
 * call and unpacking node on the deepest path plus the leaf.
 */
const compilerDepthLimit = 2992;

/**
 * Evaluates `source` as `eval(source, {"__builtins__": None}, {})` does in CPython 3.11, for sources
 * made only of digits, `+-*` `/().` and spaces. Python exceptions are thrown as PythonException.
 */
export function evaluatePythonExpression(source: string): PythonValue {
  const tree = parsePythonExpression(source);
  if (deepestPath(tree) >= compilerDepthLimit) {
    throw new PythonException('RecursionError', 'maximum recursion depth exceeded during compilation');
  }
  return evaluate(tree);
}

/** The number of nodes on the deepest path that CPython's compiler recurses through. */
function deepestPath(tree: ExpressionNode): number {
  let deepest = 0;
  const pending: [ExpressionNode, number][] = [[tree, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    switch (node.type) {
      case 'unary':
        pending.push([node.operand, depth + 1]);
        break;
      case 'binary':
        pending.push([node.left, depth + 1], [node.right, depth + 1]);
        break;
      case 'call':
        pending.push([node.callee, depth + 1]);
        // A `**` argument is a keyword entry, which the compiler does not count; `*x` is a Starred node.
        if (node.argument) pending.push([node.argument.value, depth + (node.argument.unpack === 'iterable' ? 2 : 1)]);
        break;
      default:
        break;
    }
  }
  return deepest;
}

function evaluate(node: ExpressionNode): PythonValue {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'ellipsis':
      return { kind: 'ellipsis' };
    case 'tuple':
      return { kind: 'tuple' };
    case 'unary':
      return unaryOperation(node.operator, evaluate(node.operand));
    case 'binary': {
      const left = evaluate(node.left);
      return binaryOperation(node.operator, left, evaluate(node.right));
    }
    case 'call':
      return call(evaluate(node.callee), node.argument && { unpack: node.argument.unpack, value: evaluate(node.argument.value) });
  }
}

/** Nothing these expressions produce is callable; what fails first decides the message. */
function call(callee: PythonValue, argument: { unpack: 'none' | 'iterable' | 'mapping'; value: PythonValue } | undefined): never {
  if (argument?.unpack === 'iterable' && argument.value.kind !== 'tuple') {
    throw typeError(`${pythonStr(callee)} argument after * must be an iterable, not ${typeName(argument.value)}`);
  }
  if (argument?.unpack === 'mapping') {
    throw typeError(`${pythonStr(callee)} argument after ** must be a mapping, not ${typeName(argument.value)}`);
  }
  throw typeError(`'${typeName(callee)}' object is not callable`);
}
