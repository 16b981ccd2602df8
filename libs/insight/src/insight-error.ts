// The one error the insight core throws: input that breaks the contract, with a machine-readable code.
export class InsightInputError extends Error {
  readonly code = 'INSIGHT_ERR_INVALID_INPUT';

  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'InsightInputError';
  }
}
