import { ascii, concatBytes, u32 } from '@myna/apdu';

/**
 * JPKI AP data files other than certificates. spec: card.md §4.1.
 */

function padAscii(s: string, n: number): Uint8Array {
  if (s.length > n) throw new RangeError('too long');
  return ascii(s.padEnd(n, ' '));
}

/**
 * EF 0006: PKCS#11 CK_TOKEN_INFO, 160 bytes, 32-bit big-endian ulongs (MC jpki.rs layout test).
 * Label `JPKIAPICCTOKEN2` (a physical card; a smartphone's secure element passes its own, see
 * `personalizePhone`); the other fields as on MC's test vector except the
 * serial number, which follows the card's serial.
 */
export function tokenInfoEf(cardSerial: string, label = 'JPKIAPICCTOKEN2'): Uint8Array {
  const out = concatBytes(
    padAscii(label, 32),
    padAscii('0'.repeat(31) + '1', 32),
    padAscii('E16R01NJ', 16),
    ascii(cardSerial.padStart(16, '0').slice(-16)),
    u32(0x0000040d), // flags
    u32(1), // ulMaxSessionCount
    u32(0), // ulSessionCount
    u32(1), // ulMaxRwSessionCount
    u32(0), // ulRwSessionCount
    u32(16), // ulMaxPinLen
    u32(6), // ulMinPinLen
    u32(0xffffffff),
    u32(0xffffffff),
    u32(0xffffffff),
    u32(0xffffffff),
    ascii('03'), // hardwareVersion
    ascii('01'), // firmwareVersion
    ascii('0'.repeat(16)), // utcTime
  );
  if (out.length !== 160) throw new Error('token info must be 160 bytes');
  return out;
}

/** EF 0008: certificate availability, byte 0 signature, byte 1 user authentication; 8F present, 00 absent. */
export function certAvailabilityEf(hasSign: boolean, hasAuth: boolean): Uint8Array {
  return Uint8Array.of(hasSign ? 0x8f : 0x00, hasAuth ? 0x8f : 0x00, 0x00);
}
