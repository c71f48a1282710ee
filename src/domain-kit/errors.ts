/**
 * Harness failures are typed exceptions that carry their data; tool failures are not exceptions at all
 * (they are `ToolResult`s with `ok: false`, the text tau-bench returns to the model).
 */
export class InterplayError extends Error {
  override readonly name: string = 'InterplayError';
}

/** A collection or record the caller named does not exist. */
export class UnknownRecordError extends InterplayError {
  override readonly name = 'UnknownRecordError';
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`no record "${id}" in collection "${collection}"`);
  }
}

/** Domain data that does not have the shape its domain declares. */
export class InvalidDataError extends InterplayError {
  override readonly name = 'InvalidDataError';
  constructor(
    message: string,
    readonly source: string,
    readonly issues: readonly string[] = [],
  ) {
    super(issues.length > 0 ? `${source}: ${message}\n  ${issues.join('\n  ')}` : `${source}: ${message}`);
  }
}

/** A domain name that no registered domain has. */
export class UnknownDomainError extends InterplayError {
  override readonly name = 'UnknownDomainError';
  constructor(
    readonly domain: string,
    readonly known: readonly string[],
  ) {
    super(`unknown domain "${domain}" (known: ${known.join(', ')})`);
  }
}
