import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The PC/SC transport against a scripted stand-in for the `smartcard` binding: reader choice,
 * error mapping, the 61xx/6Cxx completion, serialisation and close. The real stack is in
 * pcsc.test.ts; this file needs nothing installed.
 */

const C = {
  SCARD_SHARE_SHARED: 2,
  SCARD_SHARE_EXCLUSIVE: 1,
  SCARD_PROTOCOL_T0: 1,
  SCARD_PROTOCOL_T1: 2,
  SCARD_LEAVE_CARD: 0,
  SCARD_RESET_CARD: 1,
  SCARD_UNPOWER_CARD: 2,
  SCARD_STATE_EMPTY: 0x10,
  SCARD_STATE_PRESENT: 0x20,
  SCARD_STATE_EXCLUSIVE: 0x80,
  SCARD_STATE_INUSE: 0x100,
  SCARD_STATE_MUTE: 0x200,
};
const ATR = Buffer.from('3BE000FF8131FE4514', 'hex');

interface Fake {
  readers: { name: string; state: number; atr: Buffer | null }[];
  /** Answers one APDU (hex upper-case in, hex out) or throws a PC/SC message. */
  answer: (apdu: string) => string | Promise<string>;
  contextError?: string;
  connectError?: string;
  sent: string[];
  connects: { reader: string; share: number; protocol: number }[];
  disconnects: number[];
  reconnects: number[];
  contextsClosed: number;
  recvLimits: (number | undefined)[];
}

function fake(over: Partial<Fake> = {}): Fake {
  return {
    readers: [
      { name: 'Empty Reader 00 00', state: C.SCARD_STATE_EMPTY, atr: null },
      { name: 'Virtual PCD 00 00', state: C.SCARD_STATE_PRESENT | C.SCARD_STATE_INUSE, atr: ATR },
      { name: 'Virtual PCD 00 01', state: C.SCARD_STATE_PRESENT, atr: ATR },
    ],
    answer: () => '9000',
    sent: [],
    connects: [],
    disconnects: [],
    reconnects: [],
    contextsClosed: 0,
    recvLimits: [],
    ...over,
  };
}

function binding(f: Fake) {
  const card = {
    protocol: C.SCARD_PROTOCOL_T1,
    async transmit(cmd: Buffer, o?: { maxRecvLength?: number }) {
      const hex = cmd.toString('hex').toUpperCase();
      f.sent.push(hex);
      f.recvLimits.push(o?.maxRecvLength);
      return Buffer.from(await f.answer(hex), 'hex');
    },
    disconnect(d?: number) {
      f.disconnects.push(d ?? -1);
    },
    async reconnect(_s?: number, _p?: number, init?: number) {
      f.reconnects.push(init ?? -1);
      return C.SCARD_PROTOCOL_T1;
    },
    getStatus: () => ({ state: C.SCARD_STATE_PRESENT, protocol: C.SCARD_PROTOCOL_T1, atr: ATR }),
  };
  class Context {
    constructor() {
      if (f.contextError) throw new Error(f.contextError);
    }
    listReaders() {
      return f.readers.map((r) => ({
        ...r,
        async connect(share: number, protocol: number) {
          f.connects.push({ reader: r.name, share, protocol });
          if (f.connectError) throw new Error(f.connectError);
          return card;
        },
      }));
    }
    close() {
      f.contextsClosed++;
    }
  }
  return { ...C, Context };
}

const savedSocket = process.env.PCSCLITE_CSOCK_NAME;
afterEach(() => {
  vi.doUnmock('smartcard');
  if (savedSocket === undefined) delete process.env.PCSCLITE_CSOCK_NAME;
  else process.env.PCSCLITE_CSOCK_NAME = savedSocket;
});

/** A fresh copy of the module (its binding and socket state) over `factory`'s binding. */
async function load(factory: () => object) {
  vi.resetModules();
  vi.doMock('smartcard', factory);
  return import('../src/pcsc.js');
}

/**
 * Like `expectCatalogError` (@myna/test-support), by name: `load` resets the module registry, so
 * the MynaError class the reloaded src/pcsc.js throws is not the one this file imports.
 */
async function failure(
  p: Promise<unknown>,
  code = 'TRANSPORT_ERROR',
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; code: string; details: Record<string, unknown> };
    expect(err.name, String(e)).toBe('MynaError');
    expect(err.code, String(e)).toBe(code);
    return err;
  }
  throw new Error(`expected MynaError ${code}`);
}

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const text = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('loading the optional binding', () => {
  it('without `smartcard`: TRANSPORT_ERROR, reason binding-missing, with the package to install', async () => {
    const m = await load(() => {
      throw new Error("Cannot find package 'smartcard'");
    });
    const e = await failure(m.openPcscTransport());
    expect(e.code).toBe('TRANSPORT_ERROR');
    expect(e.details).toMatchObject({ reason: 'binding-missing', package: 'smartcard' });
    expect((await failure(m.listPcscReaders())).details.reason).toBe('binding-missing');
    // Nothing was fixed: no socket chosen while the binding is missing.
    expect(m.pcscSocketInUse()).toBeUndefined();
  });

  it('lists readers with card presence and flags', async () => {
    const f = fake();
    const m = await load(() => binding(f));
    const readers = await m.listPcscReaders();
    expect(readers.map((r) => [r.name, r.cardPresent, r.inUse])).toEqual([
      ['Empty Reader 00 00', false, false],
      ['Virtual PCD 00 00', true, true],
      ['Virtual PCD 00 01', true, false],
    ]);
    expect(text(readers[1]!.atr!)).toBe('3BE000FF8131FE4514');
    expect(readers[0]!.atr).toBeUndefined();
    expect(f.contextsClosed).toBe(1);
  });

  it('no pcscd: reason no-service, with the socket libpcsclite uses', async () => {
    const f = fake({ contextError: 'PC/SC service not running' });
    const m = await load(() => binding(f));
    const e = await failure(m.openPcscTransport({ socket: '/nonexistent/pcscd.comm' }));
    expect(e.details).toMatchObject({ reason: 'no-service', socket: '/nonexistent/pcscd.comm' });
    expect(process.env.PCSCLITE_CSOCK_NAME).toBe('/nonexistent/pcscd.comm');
  });

  it('the socket is fixed for the process at the first context; another one is refused', async () => {
    const m = await load(() => binding(fake()));
    delete process.env.PCSCLITE_CSOCK_NAME;
    await m.listPcscReaders();
    expect(m.pcscSocketInUse()).toBe('/run/pcscd/pcscd.comm');
    await m.listPcscReaders({ socket: '/run/pcscd/pcscd.comm' }); // the same: fine
    const e = await failure(m.openPcscTransport({ socket: '/tmp/other/pcscd.comm' }));
    expect(e.details).toMatchObject({
      reason: 'socket-fixed',
      socket: '/tmp/other/pcscd.comm',
      inUse: '/run/pcscd/pcscd.comm',
    });
  });
});

describe('choosing the reader', () => {
  it('default: the first reader with a card; T=1, shared; label = reader name', async () => {
    const f = fake();
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect(t.label).toBe('Virtual PCD 00 00');
    expect(t.reader).toBe('Virtual PCD 00 00');
    expect(t.protocol).toBe('T=1');
    expect(text(t.atr)).toBe('3BE000FF8131FE4514');
    expect(f.connects).toEqual([
      { reader: 'Virtual PCD 00 00', share: C.SCARD_SHARE_SHARED, protocol: C.SCARD_PROTOCOL_T1 },
    ]);
    await t.close();
  });

  it('by exact name or pattern; exclusive; any protocol', async () => {
    const f = fake();
    const m = await load(() => binding(f));
    await (await m.openPcscTransport({ reader: 'Virtual PCD 00 01' })).close();
    await (await m.openPcscTransport({ reader: /00 01$/, shareMode: 'exclusive', protocol: 'any' })).close();
    expect(f.connects).toEqual([
      { reader: 'Virtual PCD 00 01', share: C.SCARD_SHARE_SHARED, protocol: C.SCARD_PROTOCOL_T1 },
      {
        reader: 'Virtual PCD 00 01',
        share: C.SCARD_SHARE_EXCLUSIVE,
        protocol: C.SCARD_PROTOCOL_T0 | C.SCARD_PROTOCOL_T1,
      },
    ]);
  });

  it('no reader / no match: no-reader (with the names); empty reader: card-absent; the context is released', async () => {
    const none = fake({ readers: [] });
    let m = await load(() => binding(none));
    expect((await failure(m.openPcscTransport())).details.reason).toBe('no-reader');
    expect(none.contextsClosed).toBe(1);

    const f = fake();
    m = await load(() => binding(f));
    const e = await failure(m.openPcscTransport({ reader: 'Nope' }));
    expect(e.details).toMatchObject({ reason: 'no-reader', reader: 'Nope' });
    expect(e.details.readers).toContain('Virtual PCD 00 01');
    expect((await failure(m.openPcscTransport({ reader: 'Empty Reader 00 00' }))).details).toMatchObject({
      reason: 'card-absent',
      transport: 'Empty Reader 00 00',
    });

    const empty = fake({ readers: [{ name: 'R', state: C.SCARD_STATE_EMPTY, atr: null }] });
    m = await load(() => binding(empty));
    expect((await failure(m.openPcscTransport())).details.reason).toBe('card-absent');
    expect(f.contextsClosed).toBe(2);
  });

  it('a card held exclusively elsewhere: sharing-violation', async () => {
    const m = await load(() => binding(fake({ connectError: 'Sharing violation' })));
    const e = await failure(m.openPcscTransport());
    expect(e.details).toMatchObject({ reason: 'sharing-violation', transport: 'Virtual PCD 00 00' });
  });
});

describe('transmit', () => {
  it('passes APDUs through with room for an extended response', async () => {
    const f = fake({ answer: (a) => (a === '00B08A00000000' ? `${'AB'.repeat(1500)}9000` : '6A82') });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect((await t.transmit(hex('00B08A00000000'))).length).toBe(1502);
    expect(text(await t.transmit(hex('00A4000C023F00')))).toBe('6A82');
    expect(f.recvLimits).toEqual([65538, 65538]);
  });

  it('61xx: GET RESPONSE until the card is done, data concatenated (CLA of the channel; 00 for proprietary)', async () => {
    const f = fake({
      answer: (a) => {
        if (a === '01CA010100') return '11226110';
        if (a === '01C0000010') return `${'33'.repeat(16)}6105`;
        if (a === '01C0000005') return '44444444449000';
        if (a === '802A00800100') return '6100';
        if (a === '00C0000000') return `${'55'.repeat(256)}6102`;
        if (a === '00C0000002') return '66669000';
        return '6D00';
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect(text(await t.transmit(hex('01CA010100')))).toBe(`1122${'33'.repeat(16)}${'44'.repeat(5)}9000`);
    expect(f.sent).toEqual(['01CA010100', '01C0000010', '01C0000005']);
    const r = await t.transmit(hex('802A00800100'));
    expect(r.length).toBe(256 + 2 + 2);
    expect(text(r.subarray(-4))).toBe('66669000');
    expect(f.sent.slice(3)).toEqual(['802A00800100', '00C0000000', '00C0000002']);
  });

  it('6Cxx: re-sends once with the exact Le (case 2 and case 1)', async () => {
    const f = fake({
      answer: (a) => {
        if (a === '00B0000000') return '6C20';
        if (a === '00B0000020') return `${'77'.repeat(32)}9000`;
        if (a === '00CA0101') return '6C05';
        if (a === '00CA010105') return '01020304059000';
        if (a === '00CA0202') return '6C05';
        return '6C04'; // a card that keeps asking: answered as is after one retry
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect((await t.transmit(hex('00B0000000'))).length).toBe(34);
    expect(text(await t.transmit(hex('00CA0101')))).toBe('01020304059000');
    expect(text(await t.transmit(hex('00CA0202')))).toBe('6C04');
    expect(f.sent).toEqual(['00B0000000', '00B0000020', '00CA0101', '00CA010105', '00CA0202', '00CA020205']);
  });

  it('serialises concurrent calls (a GET RESPONSE chain is never interleaved)', async () => {
    const f = fake({
      answer: async (a) => {
        await new Promise((r) => setTimeout(r, 2));
        if (a === '00CA000100') return '6102';
        if (a === '00C0000002') return 'AAAA9000';
        return '9000';
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    const [a, b, c] = await Promise.all([
      t.transmit(hex('00CA000100')),
      t.transmit(hex('00A4040C00')),
      t.transmit(hex('00CA000100')),
    ]);
    expect([text(a), text(b), text(c)]).toEqual(['AAAA9000', '9000', 'AAAA9000']);
    expect(f.sent).toEqual(['00CA000100', '00C0000002', '00A4040C00', '00CA000100', '00C0000002']);
  });

  it('card removed: card-removed now and for every later call, without touching the dead handle', async () => {
    const f = fake({
      answer: () => {
        throw new Error('Card was removed');
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect((await failure(t.transmit(hex('00200080')))).details).toMatchObject({
      reason: 'card-removed',
      transport: 'Virtual PCD 00 00',
      pcsc: 'Card was removed',
    });
    expect((await failure(t.transmit(hex('00200080')))).details.reason).toBe('card-removed');
    expect(f.sent).toHaveLength(1);
    await t.close();
    expect(f.disconnects).toEqual([]); // nothing to disconnect
    expect(f.contextsClosed).toBe(1);
  });

  it('card reset by another application: card-reset once, then the transport works again', async () => {
    let reset = true;
    const f = fake({
      answer: () => {
        if (reset) {
          reset = false;
          throw new Error('Card was reset');
        }
        return '9000';
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    expect((await failure(t.transmit(hex('00A4040C00')))).details.reason).toBe('card-reset');
    expect(f.reconnects).toEqual([C.SCARD_LEAVE_CARD]);
    expect(text(await t.transmit(hex('00A4040C00')))).toBe('9000');
  });

  it('a response without a status word: bad-response', async () => {
    const m = await load(() => binding(fake({ answer: () => '90' })));
    const t = await m.openPcscTransport();
    expect((await failure(t.transmit(hex('00A4040C00')))).details).toMatchObject({
      reason: 'bad-response',
      length: 1,
    });
  });

  it('errors never carry APDU data (a VERIFY holds the PIN)', async () => {
    const f = fake({
      answer: () => {
        throw new Error('Unknown PC/SC error');
      },
    });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    const e = await failure(t.transmit(hex('002000800431323334')));
    expect(e.details.reason).toBe('pcsc-error');
    const all = JSON.stringify(e) + String((e as unknown as Error).message);
    for (const s of ['1234', '31323334']) expect(all).not.toContain(s);
  });
});

describe('close', () => {
  it('resets the card by default (a verified PIN does not outlive the transport); leave / unpower on request', async () => {
    const f = fake();
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    await t.close();
    await t.close(); // idempotent
    // The reset is an async reconnect; the (synchronous) disconnect then leaves the card alone.
    expect(f.reconnects).toEqual([C.SCARD_RESET_CARD]);
    expect(f.disconnects).toEqual([C.SCARD_LEAVE_CARD]);
    expect(f.contextsClosed).toBe(1);
    expect((await failure(t.transmit(hex('00A4040C00')))).details.reason).toBe('closed');
    await (await m.openPcscTransport({ onClose: 'leave' })).close();
    await (await m.openPcscTransport({ onClose: 'unpower' })).close();
    expect(f.disconnects).toEqual([C.SCARD_LEAVE_CARD, C.SCARD_LEAVE_CARD, C.SCARD_UNPOWER_CARD]);
    expect(f.reconnects).toEqual([C.SCARD_RESET_CARD]);
  });

  it('waits for the APDU in flight', async () => {
    let release!: () => void;
    const f = fake({ answer: () => new Promise<string>((r) => (release = () => r('9000'))) });
    const m = await load(() => binding(f));
    const t = await m.openPcscTransport();
    const pending = t.transmit(hex('00A4040C00'));
    await new Promise((r) => setTimeout(r, 5));
    const closing = t.close();
    expect(f.disconnects).toEqual([]);
    release();
    expect(text(await pending)).toBe('9000');
    await closing;
    expect(f.reconnects).toEqual([C.SCARD_RESET_CARD]);
  });
});
