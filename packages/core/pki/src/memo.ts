import { createHash } from 'node:crypto';

/**
 * A bounded memo of a pure function of DER bytes (least recently used first out), for values read
 * from the same certificates on every login (the card's certificate, the CA's): parsing one with
 * @peculiar/x509 costs a few ms. Keyed by a SHA-256 of the bytes, so equal bytes in new arrays
 * hit; a throwing `compute` is not kept. Callers hand out copies of what they keep.
 */
export function derMemo<T>(limit: number): (der: Uint8Array, variant: string, compute: () => T) => T {
  const kept = new Map<string, T>();
  return (der, variant, compute) => {
    const id = `${variant}:${createHash('sha256').update(der).digest('base64')}`;
    let v = kept.get(id);
    if (v !== undefined) kept.delete(id);
    else v = compute();
    kept.set(id, v);
    if (kept.size > limit) kept.delete(kept.keys().next().value as string);
    return v;
  };
}
