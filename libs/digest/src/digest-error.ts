// The errors the digest composer throws, each with a machine-readable code.
export class DigestModelError extends Error {
  readonly code = 'DIGEST_ERR_INVALID_MODEL';

  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'DigestModelError';
  }
}

/** The picture needs a font for its labels and none of the given files could be read. */
export class DigestFontError extends Error {
  readonly code = 'DIGEST_ERR_CHART_FONT';

  constructor(
    readonly fontFiles: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`no readable font among ${fontFiles.join(', ') || '(none given)'}: the week chart cannot be labelled`, options);
    this.name = 'DigestFontError';
  }
}
