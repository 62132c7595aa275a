import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CV_IDS, openTestCard, spki, TEST_HOLDER } from './fixtures/index.js';
import { parseTrace } from './golden-trace.js';

/**
 * What real readers do with the card's answers. Each block replays one golden trace — the APDU
 * sequence of one reader, cited in the trace file (./golden/12–15) — against a fresh virtual card
 * and runs that reader's own parsing and checks on the answers, written after its source: the
 * golden test pins the bytes, this one shows the reader accepts them. The TLV decoding here is
 * deliberately independent of @myna/apdu, and follows each reader's rules (python-asn1 for
 * pymyna, the `_go/asn1` fork for jpki/myna's Go reader, `src/tlv/ber.rs` for myna-card).
 */

interface Answer {
  readonly cmd: string;
  readonly data: Buffer;
  readonly sw: number;
}

/** Replays a golden trace's commands on a fresh card of its kind; the answers in order. */
async function replay(file: string): Promise<Answer[]> {
  const { steps, kind } = parseTrace(readFileSync(new URL(`./golden/${file}`, import.meta.url), 'utf8'));
  const { send } = await openTestCard({ kind });
  const out: Answer[] = [];
  for (const s of steps) {
    const r = Buffer.from(await send(s.cmd), 'hex');
    out.push({ cmd: s.cmd, data: r.subarray(0, -2), sw: r.readUInt16BE(r.length - 2) });
  }
  return out;
}

/** The answers to `cmd` (hex, no spaces), in order. */
function answersTo(answers: readonly Answer[], cmd: string): Answer[] {
  return answers.filter((a) => a.cmd === cmd);
}

interface Tlv {
  /** 0 universal, 1 application, 2 context, 3 private. */
  readonly cls: number;
  readonly constructed: boolean;
  /** The tag number (python-asn1's `tag.nr`, Go's `tag`). */
  readonly nr: number;
  readonly value: Buffer;
  /** The TLV's bytes, header included. */
  readonly raw: Buffer;
  readonly longLength: boolean;
}

/**
 * One BER TLV at `off`: class, constructed bit, base-128 tag number, definite lengths. With
 * `go`, a long-form length under 128 is an error, as in jpki/myna's `_go/asn1/asn1.go`
 * parseTagAndLength ("non-minimal length").
 */
function tlvAt(buf: Buffer, off = 0, go = false): { tlv: Tlv; next: number } {
  let p = off;
  const first = buf[p++]!;
  let nr = first & 0x1f;
  if (nr === 0x1f) {
    nr = 0;
    for (;;) {
      const b = buf[p++]!;
      nr = nr * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
  }
  let len = buf[p++]!;
  const longLength = (len & 0x80) !== 0;
  if (longLength) {
    const k = len & 0x7f;
    if (k === 0) throw new Error('indefinite length');
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + buf[p++]!;
    if (go && len < 0x80) throw new Error('asn1: non-minimal length');
  }
  if (p + len > buf.length) throw new Error('truncated');
  return {
    tlv: {
      cls: first >> 6,
      constructed: (first & 0x20) !== 0,
      nr,
      value: buf.subarray(p, p + len),
      raw: buf.subarray(off, p + len),
      longLength,
    },
    next: p + len,
  };
}

/** Every TLV of a value, in order. */
function children(value: Buffer, go = false): Tlv[] {
  const out: Tlv[] = [];
  for (let p = 0; p < value.length; ) {
    const { tlv, next } = tlvAt(value, p, go);
    out.push(tlv);
    p = next;
  }
  return out;
}

const byNr = (kids: readonly Tlv[], nr: number) => {
  const t = kids.find((k) => k.nr === nr);
  if (!t) throw new Error(`no tag ${nr}`);
  return t;
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** The card's RSA public key encoding `90 e 91 n` as a key. */
function rsaKey(tlvs: Buffer): KeyObject {
  const kids = children(tlvs);
  const b64 = (b: Buffer) => b.toString('base64url');
  return createPublicKey({
    key: { kty: 'RSA', e: b64(byNr(kids, 16).value), n: b64(byNr(kids, 17).value) },
    format: 'jwk',
  });
}

const spkiKey = (der: Uint8Array) => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
/** The sandbox's CV root: the key a verifier holds for 証明者鍵ID 9000000 (the J-LIS keys' stand-in). */
const CV_ROOT = spkiKey(spki('cvRoot'));

describe('hebingchang/pymyna myna/api/text_ap.py get_all_files + verify_signature (golden/12)', () => {
  it('reads 256 bytes of EF 0005, the 基本4情報 by its byte-2 length, and verifies the whole AP', async () => {
    const a = await replay('12-pymyna-text-ap.trace');
    for (const x of a) expect(x.sw, x.cmd).toBe(0x9000);

    // get_basic_info: `assert len(bin_data) == 256`, then FF40 (nr 64) { DF41 (65) 4 B, DF42 (66) 16 B }.
    const info = answersTo(a, '00B00000000100')[0]!.data;
    expect(info.length).toBe(256);
    const ff40 = tlvAt(info).tlv;
    expect([ff40.cls, ff40.nr]).toEqual([3, 64]);
    expect(byNr(children(ff40.value), 65).value.length).toBe(4);
    expect(byNr(children(ff40.value), 66).value.length).toBe(16);

    // get_my_number: 17 bytes, FF10 (nr 16) → the 12 digits.
    const myNumberRaw = answersTo(a, '00B0000011')[0]!.data;
    expect(myNumberRaw.length).toBe(17);
    expect(tlvAt(myNumberRaw).tlv.value.toString('ascii')).toBe(TEST_HOLDER.myNumber);

    // get_attrs: READ BINARY (2, 1) is the length — only right for a short-form length — then
    // READ BINARY (0, 3 + len); the trace's second read asks for exactly that.
    const len = answersTo(a, '00B0000201')[0]!.data[0]!;
    expect(len).toBeLessThan(0x80);
    expect(3 + len).toBe(0x68);
    const attrsFile = answersTo(a, '00B0000068')[0]!.data;
    const ff20 = tlvAt(attrsFile).tlv;
    expect(ff20.raw.length).toBe(attrsFile.length);
    const attrs = children(ff20.value);
    expect(byNr(attrs, 34).value.toString('utf8')).toBe(TEST_HOLDER.name);
    expect(byNr(attrs, 35).value.toString('utf8')).toBe(TEST_HOLDER.address);
    expect(byNr(attrs, 36).value.toString('ascii')).toBe(TEST_HOLDER.birthDate);
    expect(Number(byNr(attrs, 37).value.toString('ascii'))).toBe(1); // Gender(int(value))

    // get_signature (336 B) and get_certificate (568 B).
    const sigFile = answersTo(a, '00B00000000150')[0]!.data;
    expect(sigFile.length).toBe(336);
    const sig = tlvAt(sigFile).tlv;
    expect(sig.nr).toBe(48);
    const sigKids = children(sig.value);
    const certFile = answersTo(a, '00B00000000238')[0]!.data;
    expect(certFile.length).toBe(568);
    const cert = tlvAt(certFile).tlv;
    expect([cert.cls, cert.nr]).toEqual([1, 33]);
    const keys = byNr(children(cert.value), 78).value;
    expect(keys.length).toBe(297); // CommonCertificate: `assert len(keys) == 297`

    // verify_signature: the two digests …
    expect(sha256(myNumberRaw)).toEqual(byNr(sigKids, 49).value);
    expect(sha256(ff20.value.subarray(11))).toEqual(byNr(sigKids, 50).value);
    // … the certificate: aki names the CA key, which signs aki ‖ ski ‖ pubkey (the 5F4E value) …
    expect(new Uint8Array(keys.subarray(0, 16))).toEqual(CV_IDS.root);
    const certSig = byNr(children(cert.value), 55).value;
    expect(verify('sha256', keys, CV_ROOT, certSig)).toBe(true);
    // … and DF33 over the first 70 bytes of FF30's value, under the certified key.
    expect(
      verify('sha256', sig.value.subarray(0, 70), rsaKey(keys.subarray(32)), byNr(sigKids, 51).value),
    ).toBe(true);
  });
});

describe('jpki/myna _go/libmyna/text_ap.go with the _go/asn1 fork (golden/13)', () => {
  it('ReadBasicInfo gets 256 bytes; every object unmarshals under the fork’s length rule', async () => {
    const a = await replay('13-jpki-myna-go-text-ap.trace');
    const reads = answersTo(a, '00B0000000');
    // ReadBinary(256) sends Le=00 once and needs 256 bytes back (pos < size loops on, and a
    // read at 164 would end in 6B00 → nil → "Error at ReadBinary()").
    expect(reads[0]!.sw).toBe(0x9000);
    expect(reads[0]!.data.length).toBe(256);
    const info = tlvAt(reads[0]!.data, 0, true).tlv;
    expect([info.cls, info.nr, info.constructed]).toEqual([3, 64, true]);
    const [apInfo, keyId] = children(info.value, true);
    expect([apInfo!.nr, apInfo!.value.length]).toEqual([65, 4]);
    expect([keyId!.nr, keyId!.value.length]).toEqual([66, 16]);

    // ReadCertificate: 256 + 256 + 56 = 568, application 33 { application 78 }.
    const cert = Buffer.concat([
      reads[1]!.data,
      answersTo(a, '00B0010000')[0]!.data,
      answersTo(a, '00B0020038')[0]!.data,
    ]);
    expect(cert.length).toBe(568);
    const cv = tlvAt(cert, 0, true).tlv;
    expect([cv.cls, cv.nr]).toEqual([1, 33]);
    expect(children(cv.value, true).map((t) => t.nr)).toEqual([78, 55]);

    // LookupPin: SW1 63 → SW2 & 0F tries.
    expect(answersTo(a, '00200080')[0]!.sw & 0xff0f).toBe(0x6303);

    // ReadAttributes: the partial parser's size from 7 bytes, then the struct in field order.
    const head = answersTo(a, '00B0000007')[0]!.data;
    expect(head.length).toBe(7);
    expect(head[2]! & 0x80).toBe(0); // a short-form length: tag (2) + length (1) + value
    expect(3 + head[2]!).toBe(0x68);
    const attrs = tlvAt(answersTo(a, '00B0000068')[0]!.data, 0, true).tlv;
    expect([attrs.cls, attrs.nr]).toEqual([3, 32]);
    const fields = children(attrs.value, true);
    expect(fields.map((f) => f.nr)).toEqual([33, 34, 35, 36, 37]);
    expect(fields[1]!.value.toString('utf8')).toBe(TEST_HOLDER.name);
    expect(fields[2]!.value.toString('utf8')).toBe(TEST_HOLDER.address);

    // ReadMyNumber (private 16) and ReadSignature (256 + 80 = 336, private 48 { 49, 50, 51 }).
    expect(tlvAt(answersTo(a, '00B0000011')[0]!.data, 0, true).tlv.value.toString()).toBe(
      TEST_HOLDER.myNumber,
    );
    const sig = Buffer.concat([reads[2]!.data, answersTo(a, '00B0010050')[0]!.data]);
    expect(sig.length).toBe(336);
    expect(children(tlvAt(sig, 0, true).tlv.value, true).map((t) => t.nr)).toEqual([49, 50, 51]);
  });
});

/** myna-card `src/data.rs` CardVerifiableCertificate::parse: with or without the 7F21 template. */
function parseCv(data: Buffer) {
  const contents = data[0] === 0x7f && data[1] === 0x21 ? tlvAt(data).tlv.value : data;
  const kids = children(contents);
  const body = kids.find((k) => k.cls === 1 && k.nr === 0x4e)!.value;
  const signature = kids.find((k) => k.cls === 1 && k.nr === 0x37)!.value;
  expect(body.length).toBe(297); // BODY_LEN
  const keyIdOk = (id: Buffer) =>
    /^[0-9]{7}$/.test(id.subarray(0, 7).toString('latin1')) &&
    /^[0-9]{3}$/.test(id.subarray(9, 12).toString('latin1'));
  const issuer = body.subarray(0, 16);
  const subject = body.subarray(16, 32);
  expect(keyIdOk(issuer) && keyIdOk(subject)).toBe(true); // KeyId::parse
  return { issuer, subject, publicKey: rsaKey(body.subarray(32)), signature, signedData: body };
}

describe('soltia48/myna-card src/mf.rs certificate_chain + verify_chain, src/ap/text.rs (golden/14)', () => {
  it('GET DATA 00F8 / 7F21 answer the template contents; the chain verifies over the 5F4E value', async () => {
    const a = await replay('14-myna-card-mf-chain.trace');
    // get_data: short Le → 6700 for the large objects, then the extended Le.
    expect(answersTo(a, '00CA00F800')[0]!.sw).toBe(0x6700);
    const upperRaw = answersTo(a, '00CA00F8000000')[0]!.data;
    const lowerRaw = answersTo(a, '00CA7F21000000')[0]!.data;
    // "stored as GET DATA returns them — the contents of the 7F21 template" (tests/fixtures/README.md)
    for (const raw of [upperRaw, lowerRaw]) expect(raw.subarray(0, 3).toString('hex')).toBe('5f4e82');
    const chain = [parseCv(upperRaw), parseCv(lowerRaw)];

    // verify_chain: the root against the CA key named by its issuer (here the sandbox's, given
    // with verify_with — the J-LIS table in src/ca.rs has none for 9000000) …
    expect(new Uint8Array(chain[0]!.issuer)).toEqual(CV_IDS.root);
    expect(verify('sha256', chain[0]!.signedData, CV_ROOT, chain[0]!.signature)).toBe(true);
    // … then each link: the issuer is the subject above, the signature under the key above.
    expect(chain[1]!.issuer).toEqual(chain[0]!.subject);
    expect(verify('sha256', chain[1]!.signedData, chain[0]!.publicKey, chain[1]!.signature)).toBe(true);
    // Reversed, the links do not meet; the intermediate does not verify under the root.
    expect(chain[0]!.issuer).not.toEqual(chain[1]!.subject);
    expect(verify('sha256', chain[1]!.signedData, CV_ROOT, chain[1]!.signature)).toBe(false);
    // 00F7: "証明者鍵ID of the intermediate that signs CHAIN_LOWER".
    expect(answersTo(a, '00CA00F700')[0]!.data).toEqual(chain[0]!.subject);
    expect(answersTo(a, '00CA004200')[0]!.data.length).toBe(16);

    // read_certificate: read_binary_all reads 256, the header says 568, the rest in 256 + 56.
    const cert = Buffer.concat([
      answersTo(a, '00B0000000')[0]!.data,
      answersTo(a, '00B0010000')[0]!.data,
      answersTo(a, '00B0020038')[0]!.data,
    ]);
    expect(tlvAt(cert).tlv.raw.length).toBe(568);
    const ef4 = parseCv(cert);
    expect(verify('sha256', ef4.signedData, CV_ROOT, ef4.signature)).toBe(true);

    // read_ap_basic_data: one 256-byte chunk, cut at the TLV's 164; DF43 = 32 B + 96 × FF.
    const ef5 = answersTo(a, '00B0000000')[1]!.data;
    expect(ef5.length).toBe(256);
    const ff40 = tlvAt(ef5).tlv;
    expect(ff40.raw.length).toBe(164);
    expect([...ef5.subarray(164)].every((b) => b === 0xff)).toBe(true);
    const df43 = byNr(children(ff40.value), 0x43).value;
    expect(df43.length).toBe(128);
    expect([...df43.subarray(32)].every((b) => b === 0xff)).toBe(true);
  });
});

/**
 * AokiApp/jsapdu `packages/mynacard/src/constants.ts` (HEAD a17bf3e): every EF it lists, per AP.
 * Transcribed; the UNKNOWN_xx entries are the ones this project long answered with 6A82.
 */
const AOKI_EFS = {
  D392F000260100000001: [
    0x01, 0x02, 0x05, 0x06, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1e,
  ],
  D3921000310001010402: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x1a, 0x1c, 0x1e],
  D3921000310001010408: [
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x1c, 0x1e,
  ],
} as const;
const AOKI_UNKNOWN: Readonly<Record<keyof typeof AOKI_EFS, readonly number[]>> = {
  D392F000260100000001: [0x05, 0x10, 0x19, 0x1c, 0x1e],
  D3921000310001010402: [0x1a, 0x1c, 0x1e],
  D3921000310001010408: [0x10, 0x1c, 0x1e],
};

describe('AokiApp/jsapdu packages/mynacard/src/constants.ts (golden/15)', () => {
  it('every EF it lists is selectable; the unidentified ones answer READ with 6981, PIN or not', async () => {
    const a = await replay('15-aokiapp-ef-list.trace');
    expect(
      a
        .filter((x) => x.cmd.startsWith('00A4020C'))
        .map((x) => x.sw)
        .filter((s) => s !== 0x9000),
    ).toEqual([
      0x6a82, // JPKI 0003, which AokiApp does not list either
    ]);
    const { send } = await openTestCard();
    const hex2 = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
    for (const [aid, efs] of Object.entries(AOKI_EFS) as [keyof typeof AOKI_EFS, readonly number[]][]) {
      expect(await send(`00A4040C0A${aid}`)).toBe('9000');
      for (const ef of efs) expect(await send(`00A4020C0200${hex2(ef)}`), `${aid} ${hex2(ef)}`).toBe('9000');
      for (const ef of AOKI_UNKNOWN[aid]) expect(await send(`00B0${hex2(0x80 | ef)}00000000`)).toBe('6981');
    }
  });
});
