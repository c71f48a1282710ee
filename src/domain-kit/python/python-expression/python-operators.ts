/** The binary operators an expression of digits, `+-*` `/().` and spaces can spell. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '**';

/** The unary operators it can spell. */
export type UnaryOperator = '+' | '-';
