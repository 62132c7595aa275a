/**
 * The only error this package throws on bad input. `code` names the rule that was broken, so
 * callers (HTTP handlers, the CLI) can map it without parsing messages. Messages never contain key
 * material.
 */
export class PkiError extends Error {
  override readonly name = 'PkiError';
  constructor(
    readonly code:
      | 'BAD_KEY'
      | 'BAD_SERIAL'
      | 'BAD_TIME'
      | 'BAD_DATE'
      | 'BAD_PARAM'
      | 'BAD_CERTIFICATE'
      | 'BAD_CRL'
      | 'BAD_OCSP_REQUEST'
      | 'BAD_OCSP_RESPONSE',
    message: string,
  ) {
    super(message);
  }
}
