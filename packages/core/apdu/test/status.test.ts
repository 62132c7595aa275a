import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  encodeResponse,
  parseResponse,
  SW,
  swHex,
  swName,
  swTriesLeft,
  toHex,
  triesLeftOf,
} from '../src/index.js';

describe('status words', () => {
  it('names the card status words', () => {
    expect(swName(0x9000)).toBe('OK');
    expect(swName(0x63c2)).toBe('TRIES_LEFT_2');
    expect(swName(0x63c0)).toBe('TRIES_EXHAUSTED');
    expect(swName(0x6984)).toBe('REFERENCE_BLOCKED');
    expect(swName(0x6a83)).toBe('SW_6A83');
    expect(swHex(SW.FILE_NOT_FOUND)).toBe('6A82');
  });
  it('maps 63Cx both ways', () => {
    for (let t = 0; t <= 15; t++) expect(triesLeftOf(swTriesLeft(t))).toBe(t);
    expect(triesLeftOf(0x9000)).toBeUndefined();
    expect(() => swTriesLeft(16)).toThrow(RangeError);
  });
  test.prop([fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 0xffff })])(
    'response codec round-trips',
    (data, sw) => {
      const r = parseResponse(encodeResponse({ data, sw }));
      expect(r.sw).toBe(sw);
      expect(toHex(r.data)).toBe(toHex(data));
    },
  );
});
