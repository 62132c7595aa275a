import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex, toHex } from '@myna/apdu';
import {
  type BridgeableCard,
  bridgeCard,
  bridgeCards,
  FrameDecoder,
  type VpcdCardConnection,
} from '@myna/bridge';
import { MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { seededRandom, systemClock } from '@myna/ports';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testProfile } from '../../../core/card/test/fixtures/index.js';

/**
 * The vpcd wire protocol against a fake vpcd: a node:net server in the test that plays pcscd's
 * side (spec: shared/spec/pcsc.md "Wire protocol").
 */

const ATR = '3BE000FF8131FE4514';
const SELECT_JPKI = '00A4040C0AD392F000260100000001';

class FakeVpcd {
  readonly server: Server;
  readonly connections: VpcdPeer[] = [];
  private waiting: ((p: VpcdPeer) => void)[] = [];
  port = 0;

  constructor() {
    this.server = createServer((sock) => {
      const peer = new VpcdPeer(sock);
      this.connections.push(peer);
      for (const w of this.waiting.splice(0)) w(peer);
    });
  }

  async listen(port = 0): Promise<this> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** The next (or the n-th, 0-based) accepted connection. */
  peer(
    n = this.connections.length === 0 ? 0 : this.connections.length - 1,
    timeoutMs = 5000,
  ): Promise<VpcdPeer> {
    const have = this.connections[n];
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no connection #${n} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const c = this.connections[n];
        if (c) {
          clearTimeout(t);
          resolve(c);
        } else this.waiting.push(check);
      };
      this.waiting.push(check);
    });
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.sock.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

class VpcdPeer {
  readonly frames: string[] = [];
  readonly chunks: number[] = [];
  private readonly decoder = new FrameDecoder();
  private waiters: (() => void)[] = [];
  ended = false;

  constructor(readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.chunks.push(d.length);
      for (const f of this.decoder.push(d)) this.frames.push(toHex(f).toUpperCase());
      for (const w of this.waiters.splice(0)) w();
    });
    sock.on('end', () => {
      this.ended = true;
      for (const w of this.waiters.splice(0)) w();
    });
    sock.on('error', () => {});
  }

  /** Sends raw bytes (hex) as they are — possibly half a frame, possibly several. */
  raw(hex: string): void {
    this.sock.write(fromHex(hex.replace(/\s/g, '')));
  }

  /** Sends one framed message. */
  send(hex: string): void {
    const p = hex.replace(/\s/g, '');
    this.raw((p.length / 2).toString(16).padStart(4, '0') + p);
  }

  /** Waits until `n` reply frames in total have arrived; returns them all. */
  async replies(n: number, timeoutMs = 3000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < n) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`expected ${n} replies, got ${this.frames.length}: ${this.frames.join(' | ')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.frames.slice();
  }

  /** Sends a frame and waits for its one reply. */
  async exchange(hex: string): Promise<string> {
    const n = this.frames.length;
    this.send(hex);
    return (await this.replies(n + 1))[n]!;
  }
}

let image: Awaited<ReturnType<typeof personalize>>;
beforeAll(async () => {
  image = personalize(await testProfile({ id: 'proto-card' }));
});

async function realCard(): Promise<{ card: VirtualCard; store: MemoryCardStore }> {
  const store = new MemoryCardStore();
  await store.create(image);
  const card = await VirtualCard.open(image.id, {
    store,
    random: seededRandom('bridge'),
    clock: systemClock,
    terminal: 'before',
  });
  return { card, store };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(card?: BridgeableCard, label = 'Virtual PCD 00 00') {
  const vpcd = await new FakeVpcd().listen();
  cleanup.push(() => vpcd.close());
  const real = card ? undefined : await realCard();
  const log: string[] = [];
  const bridge = bridgeCard({ card: card ?? real!.card, port: vpcd.port, label, log: (l) => log.push(l) });
  cleanup.push(() => bridge.stop());
  const peer = await vpcd.peer(0);
  await bridge.whenConnected();
  return { vpcd, peer, bridge, log, card: real?.card, store: real?.store };
}

describe('framing', () => {
  it('answers GET ATR at any time, also before any power-on', async () => {
    const { peer, bridge } = await setup();
    expect(bridge.powered).toBe(false);
    expect(await peer.exchange('04')).toBe(ATR);
    expect(await peer.exchange('04')).toBe(ATR);
  });

  it('reassembles frames split into single bytes', async () => {
    const { peer } = await setup();
    const bytes = `0001 01 000F ${SELECT_JPKI} 0001 04`.replace(/\s/g, '');
    for (let i = 0; i < bytes.length; i += 2) {
      peer.raw(bytes.slice(i, i + 2));
      await sleep(1);
    }
    expect(await peer.replies(2)).toEqual(['9000', ATR]);
  });

  it('handles several frames merged into one segment, replies in order', async () => {
    const { peer, card } = await setup();
    peer.raw(`0001 01 0001 04 000F ${SELECT_JPKI} 0005 00A4020C02 0001 00 0001 04`);
    // 01 and 00 get no reply; 04, the SELECT, the malformed SELECT, 04 do.
    expect(await peer.replies(4)).toEqual([ATR, '9000', '6700', ATR]);
    expect(card!.terminal).toBe('Virtual PCD 00 00');
  });

  it('control frames 00/01/02 (and unknown ones) get no reply', async () => {
    const { peer, bridge } = await setup();
    for (const c of ['01', '02', '00', '7F', '01']) peer.send(c);
    await sleep(150);
    expect(peer.frames).toEqual([]);
    expect(bridge.stats).toMatchObject({ powerOns: 2, resets: 1, powerOffs: 1 });
    expect(bridge.powered).toBe(true);
    expect(await peer.exchange('04')).toBe(ATR); // the stream is still in sync
  });

  it('sends each reply in one write, a 1.3 kB certificate read included', async () => {
    const { peer } = await setup();
    const writes: number[] = [];
    const orig = Socket.prototype.write;
    Socket.prototype.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
      if (this.remotePort === peer.sock.localPort) writes.push((chunk as Uint8Array).length);
      return (orig as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof orig;
    try {
      peer.send('01');
      expect(await peer.exchange('04')).toBe(ATR);
      expect(await peer.exchange(SELECT_JPKI)).toBe('9000');
      expect(await peer.exchange('00A4020C02000A')).toBe('9000');
      const cert = await peer.exchange('00B00000000000'); // extended Le: the whole EF
      const der = image.files.jpki[0x000a] as Uint8Array;
      expect(cert).toBe(`${toHex(der).toUpperCase()}9000`);
      expect(writes).toEqual([2 + 9, 2 + 2, 2 + 2, 2 + der.length + 2]);
    } finally {
      Socket.prototype.write = orig;
    }
  });

  it('never sends an empty frame: a card answering nothing becomes 6F00', async () => {
    const silent: BridgeableCard = {
      atr: fromHex(ATR),
      powerOn: () => fromHex(ATR),
      reset: () => fromHex(ATR),
      powerOff: () => {},
      transmit: async () => new Uint8Array(0),
    };
    const { peer } = await setup(silent);
    expect(await peer.exchange('00A4040C0101')).toBe('6F00');
    const throwing: BridgeableCard = { ...silent, transmit: async () => Promise.reject(new Error('boom')) };
    const t = await setup(throwing);
    expect(await t.peer.exchange('00A4040C0101')).toBe('6F00');
  });

  it('keeps replies in request order when the card is slow', async () => {
    const slow: BridgeableCard = {
      atr: fromHex(ATR),
      powerOn: () => fromHex(ATR),
      reset: () => fromHex(ATR),
      powerOff: () => {},
      transmit: async (apdu) => {
        await sleep(apdu[1] === 0x01 ? 80 : 1);
        return Uint8Array.of(apdu[1]!, 0x90, 0x00);
      },
    };
    const { peer } = await setup(slow);
    peer.raw('0004 00010000 0001 04 0004 00020000');
    expect(await peer.replies(3)).toEqual(['019000', ATR, '029000']);
  });

  it('logs APDU headers and status words only, never data (PINs)', async () => {
    const { peer, log } = await setup();
    peer.send('01');
    await peer.exchange(SELECT_JPKI);
    await peer.exchange('00A4020C020018');
    expect(await peer.exchange('002000800439393939')).toBe('63C2');
    const text = log.join('\n');
    expect(text).toContain('00 20 00 80 Lc=4 → 63C2');
    expect(text).not.toMatch(/39393939|9999/);
    expect(text).not.toContain('D392F0');
  });
});

describe('connection lifecycle', () => {
  it('reconnects when vpcd drops the connection, and the card is powered off (removal)', async () => {
    const { vpcd, peer, bridge, card } = await setup();
    peer.send('01');
    await peer.exchange(SELECT_JPKI);
    peer.sock.destroy();
    const second = await vpcd.peer(1, 5000);
    await bridge.whenConnected();
    expect(bridge.stats.connects).toBe(2);
    expect(bridge.powered).toBe(false);
    // The session died with the removal: no application is selected any more.
    second.send('01');
    expect(await second.exchange('00A4020C020018')).toBe('6A82');
    expect(card!.terminal).toBe('Virtual PCD 00 00');
  });

  it('reconnects when vpcd (pcscd) goes away and comes back on the same port', async () => {
    const vpcd = await new FakeVpcd().listen();
    const port = vpcd.port;
    const { card } = await realCard();
    const states: string[] = [];
    const bridge = bridgeCard({ card, port, label: 'L', onStateChange: (s) => states.push(s) });
    cleanup.push(() => bridge.stop());
    await vpcd.peer(0);
    await bridge.whenConnected();
    await vpcd.close();
    await sleep(400); // a few refused attempts
    expect(bridge.connected).toBe(false);
    const again = await new FakeVpcd().listen(port);
    cleanup.push(() => again.close());
    const peer = await again.peer(0, 5000);
    await bridge.whenConnected();
    expect(await peer.exchange('04')).toBe(ATR);
    expect(states).toContain('waiting');
    expect(states.at(-1)).toBe('connected');
  });

  it('stop() closes the connection (removal) and does not reconnect', async () => {
    const { vpcd, peer, bridge } = await setup();
    await bridge.stop();
    await sleep(300);
    expect(peer.ended || peer.sock.destroyed).toBe(true);
    expect(vpcd.connections.length).toBe(1);
    expect(bridge.state).toBe('stopped');
    await expect(bridge.whenConnected(100)).rejects.toThrow(/stopped/);
  });

  it('whenPresent() resolves once vpcd has powered the card and read its ATR', async () => {
    const { peer, bridge } = await setup();
    let present = false;
    const p = bridge.whenPresent(3000).then(() => {
      present = true;
    });
    expect(await peer.exchange('04')).toBe(ATR); // presence probe alone is not enough
    await sleep(20);
    expect(present).toBe(false);
    peer.send('01');
    expect(await peer.exchange('04')).toBe(ATR);
    await p;
    expect(bridge.present).toBe(true);
  });

  it('several cards go to consecutive slots', async () => {
    const a = await new FakeVpcd().listen();
    cleanup.push(() => a.close());
    // Find the next port free for slot 1.
    const b = await new FakeVpcd().listen(a.port + 1).catch(() => null);
    if (!b) return; // port taken by something else: nothing to test here
    cleanup.push(() => b.close());
    const cards = [(await realCard()).card, (await realCard()).card];
    const conns: VpcdCardConnection[] = bridgeCards({ cards, basePort: a.port });
    cleanup.push(async () => {
      await Promise.all(conns.map((c) => c.stop()));
    });
    const [pa, pb] = await Promise.all([a.peer(0), b.peer(0)]);
    pa.send('01');
    pb.send('01');
    expect(await pa.exchange('04')).toBe(ATR);
    expect(await pb.exchange('04')).toBe(ATR);
    expect(cards.map((c) => c.terminal)).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
  });
});
