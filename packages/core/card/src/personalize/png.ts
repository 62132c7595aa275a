import { crc32, deflateSync } from 'node:zlib';
import { ascii, concatBytes, u32 } from '@myna/apdu';

/**
 * Minimal 1-bit greyscale PNG writer (ISO/IEC 15948) for the card-face images of the
 * 券面確認AP (spec: card.md §6: name/address PNG 1-bit, security code 24×12, 個人番号 72×12).
 * The real card holds renders of printed text; the sandbox renders digits with a 5×7 font
 * and other text as a bar code of its UTF-8 bytes (docs/faithfulness.md).
 */
export function encodePng1(
  width: number,
  height: number,
  pixel: (x: number, y: number) => boolean,
): Uint8Array {
  const stride = Math.ceil(width / 8);
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      // 0 = black in greyscale; draw ink as black on white.
      if (!pixel(x, y)) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const ihdr = concatBytes(u32(width), u32(height), Uint8Array.of(1, 0, 0, 0, 0));
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  );
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const td = concatBytes(ascii(type), data);
  return concatBytes(u32(data.length), td, u32(crc32(td)));
}

/** 5×7 digit glyphs, one string per row, '#' = ink. */
const DIGITS: Readonly<Record<string, readonly string[]>> = {
  '0': [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  '2': [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
  '3': ['#####', '   # ', '  #  ', '   # ', '    #', '#   #', ' ### '],
  '4': ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
  '5': ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
  '6': ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
  '8': [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
  '9': [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
};

/** Renders digits 6 px apart, 12 px high (the card's 24×12 and 72×12 images). */
export function digitsPng(digits: string): Uint8Array {
  if (!/^[0-9]+$/.test(digits)) throw new RangeError('digits only');
  return encodePng1(digits.length * 6, 12, (x, y) => {
    const glyph = DIGITS[digits[Math.floor(x / 6)]!]!;
    const gx = x % 6;
    const gy = y - 2;
    return gx < 5 && gy >= 0 && gy < 7 && glyph[gy]![gx] === '#';
  });
}

/** Renders text as a deterministic bar code of its UTF-8 bytes: one 1-px column per bit, 16 px high. */
export function textBarsPng(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const width = Math.max(8, bytes.length * 8 + 4);
  return encodePng1(width, 16, (x, y) => {
    const bit = x - 2;
    if (bit < 0 || bit >= bytes.length * 8 || y < 2 || y > 13) return false;
    return (bytes[bit >> 3]! & (0x80 >> (bit & 7))) !== 0;
  });
}
