import { describeCommand, parseCommand, parseResponse, swHex } from '@myna/apdu';
import { MynaError } from '@myna/errors';

/**
 * A transport carries one command APDU to a card and returns its response APDU. It is all the
 * SDK needs from a card: a virtual card in this process, a card in a PC/SC reader, a card held
 * by the sandbox server over WebSocket.
 */
export interface Transport {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** Where the card is, for messages and traces (a reader name, "in-process", a URL). */
  readonly label: string;
  close?(): Promise<void>;
}

/** Anything with the card's `transmit` — e.g. a `VirtualCard` — without this package importing it. */
export interface ApduEndpoint {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

/** Wraps an in-process card object. */
export class InProcessTransport implements Transport {
  constructor(
    private readonly endpoint: ApduEndpoint,
    readonly label = 'in-process',
  ) {}

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    try {
      return await this.endpoint.transmit(apdu);
    } catch (e) {
      throw new MynaError('TRANSPORT_ERROR', { transport: this.label }, { cause: e });
    }
  }
}

/** A trace line: the command header (never its data: it may hold a PIN) and the status word. */
export interface TraceEntry {
  readonly command: string;
  readonly sw: string;
  readonly responseLength: number;
}

/** Decorates a transport with a safe trace (headers and status words only). */
export function tracing(inner: Transport, onTrace: (t: TraceEntry) => void): Transport {
  return {
    label: inner.label,
    close: inner.close?.bind(inner),
    async transmit(apdu) {
      const rsp = await inner.transmit(apdu);
      let command: string;
      try {
        command = describeCommand(parseCommand(apdu));
      } catch {
        command = `(${apdu.length} bytes, malformed)`;
      }
      const r = parseResponse(rsp);
      onTrace({ command, sw: swHex(r.sw), responseLength: r.data.length });
      return rsp;
    },
  };
}
