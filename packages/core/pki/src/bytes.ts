/** Byte helpers private to this package (the public API speaks DER `Uint8Array`s). */
import { createHash } from 'node:crypto';

/** A fresh copy backed by a plain ArrayBuffer (what WebCrypto and the ASN.1 libraries accept). */
export function copyBytes(bytes: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes instanceof ArrayBuffer ? bytes.slice(0) : bytes);
}

/** A standalone ArrayBuffer holding exactly these bytes. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return copyBytes(bytes).buffer;
}

/** Upper-case hex without separators. */
export function hex(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)
    .toString('hex')
    .toUpperCase();
}

export function fromHexString(s: string): Uint8Array {
  return copyBytes(Buffer.from(s, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export function digest(alg: HashName, data: Uint8Array | ArrayBuffer): Uint8Array {
  const nodeName = alg.replace('-', '').toLowerCase();
  return copyBytes(
    createHash(nodeName)
      .update(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
      .digest(),
  );
}

export function toBase64Lines(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return b64.replace(/.{1,64}/g, '$&\n');
}
