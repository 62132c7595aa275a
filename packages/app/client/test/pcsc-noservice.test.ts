import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPcscReaders, openPcscTransport, pcscSocketInUse } from '@myna/client';
import { expectCatalogError } from '@myna/test-support';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real `smartcard` binding and libpcsclite with no pcscd behind the socket (this file runs in
 * its own process, so its first context fixes a socket where nothing listens).
 */
const dir = mkdtempSync(join(tmpdir(), 'myna-nopcscd-'));
const socket = join(dir, 'pcscd.comm');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PC/SC without pcscd', () => {
  it('listing and opening fail with reason no-service, naming the socket', async () => {
    const e = await expectCatalogError(listPcscReaders({ socket }), 'TRANSPORT_ERROR');
    expect(e.details).toMatchObject({ transport: 'pcsc', reason: 'no-service', socket });
    expect(e.message).toBe('Communication with the card failed.');
    expect(pcscSocketInUse()).toBe(socket);
    expect((await expectCatalogError(openPcscTransport(), 'TRANSPORT_ERROR')).details).toMatchObject({
      reason: 'no-service',
      socket,
    });
  });

  it('the socket stays fixed for the process: another one is refused, not silently ignored', async () => {
    const other = join(dir, 'other.comm');
    expect(
      (await expectCatalogError(openPcscTransport({ socket: other }), 'TRANSPORT_ERROR')).details,
    ).toMatchObject({
      reason: 'socket-fixed',
      socket: other,
      inUse: socket,
    });
  });
});
