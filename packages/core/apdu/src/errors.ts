/**
 * The only error the codec throws. `code` names the rule that was broken; the message never
 * contains the bytes themselves (an APDU may carry a PIN).
 */
export class ApduFormatError extends Error {
  override readonly name = 'ApduFormatError';
  constructor(
    readonly code:
      | 'TOO_SHORT'
      | 'BAD_LENGTH'
      | 'BAD_LC'
      | 'BAD_LE'
      | 'BAD_FIELD'
      | 'BAD_TAG'
      | 'TRUNCATED'
      | 'TRAILING_BYTES',
    message: string,
  ) {
    super(message);
  }
}
