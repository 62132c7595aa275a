import { randomBytes } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import {
  KIOSK_HOURS,
  type Kiosk,
  type KioskScreen,
  type KioskSnapshot,
  kioskInService,
  type Sandbox,
  STORE_CHAINS,
  type StoreChainId,
  storeChain,
} from '@myna/services';
import type { SandboxRuntime } from '../runtime.js';
import { CardIdString, CertPin, Details, PinValue, resetErrorResponses } from './reset-schemas.js';

/**
 * Kiosk sessions live in the database (`kiosk_sessions`), so any server instance behind a load
 * balancer serves any step: each touch takes the kiosk up from its stored state — the card in its
 * reader held again under the kiosk's own lease, its card session (verified PINs) intact — and
 * writes it back over the version it read. A kiosk is forgotten after `idleMs` without an action
 * (its card let go), and a sandbox keeps at most `maxPerSandbox` (the least recently used goes).
 */
export interface KioskRouteOptions {
  readonly idleMs?: number;
  readonly maxPerSandbox?: number;
}

interface StoredKiosk {
  readonly chain: StoreChainId;
  readonly storeId: string;
  readonly snapshot: KioskSnapshot;
}

const leaseHolder = (kioskId: string) => `kiosk-session:${kioskId}`;

const ChainId = Type.Union(
  STORE_CHAINS.map((c) => Type.Literal(c.id)),
  { description: STORE_CHAINS.map((c) => `${c.id} (${c.nameJa})`).join(', ') },
);

const Text = Type.Object({ ja: Type.String(), en: Type.String() });

const ScreenBody = Type.Object({
  id: Type.Union([
    Type.Literal('K1'),
    Type.Literal('K2'),
    Type.Literal('K3'),
    Type.Literal('K4'),
    Type.Literal('K5'),
    Type.Literal('K6'),
    Type.Literal('K7'),
    Type.Literal('ERROR'),
  ]),
  menu: Type.Union([Type.Literal('services'), Type.Literal('pin-type'), Type.Null()]),
  title: Text,
  body: Text,
  pin: Type.Union([CertPin, Type.Null()]),
  card: Type.Union([Type.Literal('none'), Type.Literal('inserted'), Type.Literal('returned')]),
  error: Type.Union([
    Type.Object({
      id: Type.String({ description: 'E1–E7, or E0 for anything else' }),
      code: Type.String(),
      details: Details,
      ja: Type.String(),
      en: Type.String(),
    }),
    Type.Null(),
  ]),
  notice: Type.Union([
    Type.Object({ code: Type.String(), details: Details, ja: Type.String(), en: Type.String() }),
    Type.Null(),
  ]),
  feeYen: Type.Integer(),
  actions: Type.Array(Type.String()),
});

const KioskBody = Type.Object({
  kioskId: Type.String(),
  chain: Type.Object({
    id: Type.String(),
    nameJa: Type.String(),
    nameEn: Type.String(),
    resets: Type.Array(CertPin),
  }),
  storeId: Type.String(),
  terminal: Type.String(),
  offers: Type.Array(CertPin, { description: 'The PINs this store resets' }),
  hours: Type.Object({ open: Type.String(), close: Type.String(), timeZone: Type.Literal('Asia/Tokyo') }),
  now: Type.String({ description: 'Sandbox time' }),
  inService: Type.Boolean({ description: 'Within 06:30–23:00 JST by sandbox time' }),
  screen: ScreenBody,
});

const ActionBody = Type.Union(
  [
    Type.Object(
      { action: Type.Literal('administrative-services') },
      { additionalProperties: false, description: '① K1: 「行政サービス」' },
    ),
    Type.Object(
      { action: Type.Literal('password-reset') },
      { additionalProperties: false, description: '② K2: 「マイナンバーカードのパスワード再設定」' },
    ),
    Type.Object(
      { action: Type.Literal('choose-pin'), pin: CertPin },
      { additionalProperties: false, description: '③ K2: which PIN (E5 if this store does not reset it)' },
    ),
    Type.Object(
      { action: Type.Literal('agree') },
      { additionalProperties: false, description: '④ K3: agree to the notes' },
    ),
    Type.Object(
      { action: Type.Literal('place-card'), cardId: CardIdString },
      { additionalProperties: false, description: '⑤ K4: place one of the sandbox’s cards on the reader' },
    ),
    Type.Object(
      { action: Type.Literal('other-pin'), value: PinValue, confirmLastTry: Type.Optional(Type.Boolean()) },
      { additionalProperties: false, description: '⑥ K5: the other PIN (a real VERIFY)' },
    ),
    Type.Object(
      { action: Type.Literal('new-pin'), value: PinValue, confirmation: PinValue },
      { additionalProperties: false, description: '⑦ K6: the new PIN, twice' },
    ),
    Type.Object(
      { action: Type.Literal('remove-card') },
      { additionalProperties: false, description: '⑧ take the card (K7, error screens, or to abandon)' },
    ),
    Type.Object(
      { action: Type.Literal('home') },
      { additionalProperties: false, description: 'back to K1 (no card in the reader)' },
    ),
  ],
  { description: 'One touch on the kiosk screen' },
);

const KioskParams = Type.Object({
  kioskId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

const HOURS = {
  open: `${String(Math.floor(KIOSK_HOURS.openMinute / 60)).padStart(2, '0')}:${String(KIOSK_HOURS.openMinute % 60).padStart(2, '0')}`,
  close: `${String(Math.floor(KIOSK_HOURS.closeMinute / 60)).padStart(2, '0')}:${String(KIOSK_HOURS.closeMinute % 60).padStart(2, '0')}`,
  timeZone: 'Asia/Tokyo' as const,
};

/**
 * The convenience-store kiosk (マルチコピー機), screens K1–K7 (docs/reset.md). Errors E1–E7 are
 * screens (200 with `screen.id: 'ERROR'`), as on the machine; only malformed input, an unknown
 * card, and an action the screen does not offer (KIOSK_STEP) are HTTP errors.
 */
export function kioskRoutes(
  runtime: SandboxRuntime,
  opts: KioskRouteOptions = {},
): FastifyPluginAsyncTypebox {
  const idleMs = opts.idleMs ?? 30 * 60_000;
  const maxPerSandbox = opts.maxPerSandbox ?? 50;
  return async (app) => {
    const kioskOf = (sb: Sandbox, id: string, chain: StoreChainId, storeId: string) =>
      sb.reset.kiosk({ chain, storeId, leaseHolder: leaseHolder(id), leaseMs: idleMs });
    /** The sandbox's kiosk, taken up from the store (another sandbox's, or a forgotten one, is NOT_FOUND). */
    const load = async (sb: Sandbox, sandboxId: string, id: string) => {
      const row = await runtime.server.kiosk(id, { nowMs: Date.now(), idleMs });
      if (!row || row.sandboxId !== sandboxId) throw new MynaError('NOT_FOUND', { kioskId: id });
      const stored = row.state as StoredKiosk;
      const k = kioskOf(sb, id, stored.chain, stored.storeId);
      await k.resume(stored.snapshot);
      return { k, stored, version: row.version };
    };
    const save = async (id: string, k: Kiosk, stored: StoredKiosk, version: number) =>
      runtime.server.saveKiosk({
        id,
        state: { ...stored, snapshot: k.snapshot() },
        version,
        nowMs: Date.now(),
      });

    const view = (kioskId: string, k: Kiosk, now: Date, screen: KioskScreen = k.screen()) => {
      const chain = storeChain(k.chain);
      return {
        kioskId,
        chain: { id: chain.id, nameJa: chain.nameJa, nameEn: chain.nameEn, resets: [...chain.resets] },
        storeId: k.storeId,
        terminal: k.terminal,
        offers: [...k.offers],
        hours: HOURS,
        now: now.toISOString(),
        inService: kioskInService(now),
        screen: { ...screen, actions: [...screen.actions] },
      };
    };

    app.get(
      '/api/store-chains',
      {
        schema: {
          tags: ['kiosk'],
          summary: 'Store chains with a PIN-reset kiosk / 対応店舗',
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                nameJa: Type.String(),
                nameEn: Type.String(),
                resets: Type.Array(CertPin),
                someStoresOnly: Type.Boolean(),
              }),
            ),
            ...resetErrorResponses,
          },
        },
      },
      async () => STORE_CHAINS.map((c) => ({ ...c, resets: [...c.resets] })),
    );

    app.post(
      '/api/kiosks',
      {
        schema: {
          tags: ['kiosk'],
          summary: 'Walk up to a store’s kiosk / キオスク端末',
          description:
            'A kiosk at a store of a chain (terminal `kiosk:<chain>:<store>`), on K1. Kiosk sessions are kept in the database (any instance serves any step) and are forgotten after 30 minutes without an action.',
          body: Type.Object(
            {
              chain: ChainId,
              storeId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: KioskBody, ...resetErrorResponses },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const id = `ksk_${randomBytes(12).toString('hex')}`;
        const chain = req.body.chain as StoreChainId;
        const storeId = req.body.storeId ?? 'store-1';
        const kiosk = kioskOf(sb, id, chain, storeId);
        const body = view(id, kiosk, sb.clock.now());
        await runtime.server.createKiosk({
          id,
          sandboxId: req.sandboxId,
          state: { chain, storeId, snapshot: kiosk.snapshot() } satisfies StoredKiosk,
          nowMs: Date.now(),
          idleMs,
          max: maxPerSandbox,
          leaseHolder,
        });
        return reply.status(201).send(body);
      },
    );

    app.get(
      '/api/kiosks/:kioskId',
      {
        schema: {
          tags: ['kiosk'],
          summary: 'The kiosk’s screen / 画面',
          params: KioskParams,
          response: { 200: KioskBody, ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const { k, stored, version } = await load(sb, req.sandboxId, req.params.kioskId);
        const body = view(req.params.kioskId, k, sb.clock.now());
        await save(req.params.kioskId, k, stored, version); // a look counts as use (if no step wrote meanwhile)
        return body;
      },
    );

    app.post(
      '/api/kiosks/:kioskId/actions',
      {
        schema: {
          tags: ['kiosk'],
          summary: 'Touch the kiosk screen / 画面操作',
          description:
            'One step ①–⑧. The answer is the kiosk with its new screen: K1–K7, or an error screen E1–E7 (E0 otherwise) with its Japanese and English text — still 200, as on the machine. A notice (last try, format, entries that differ) keeps the screen. PIN values are never echoed.',
          params: KioskParams,
          body: ActionBody,
          response: { 200: KioskBody, ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const { k, stored, version } = await load(sb, req.sandboxId, req.params.kioskId);
        const b = req.body;
        let screen: KioskScreen;
        switch (b.action) {
          case 'administrative-services':
            screen = await k.chooseAdministrativeServices();
            break;
          case 'password-reset':
            screen = await k.choosePasswordReset();
            break;
          case 'choose-pin':
            screen = await k.choosePinReset(b.pin);
            break;
          case 'agree':
            screen = await k.agree();
            break;
          case 'place-card':
            // A card that is not in this sandbox cannot be placed: 404, and the screen stays.
            if (k.screen().id === 'K4') await sb.municipality.card(b.cardId);
            screen = await k.placeCard(b.cardId);
            break;
          case 'other-pin':
            screen = await k.enterOtherPin(b.value, { confirmLastTry: b.confirmLastTry ?? false });
            break;
          case 'new-pin':
            screen = await k.enterNewPin(b.value, b.confirmation);
            break;
          case 'remove-card':
            screen = await k.removeCard();
            break;
          case 'home':
            screen = await k.home();
            break;
        }
        const body = view(req.params.kioskId, k, sb.clock.now(), screen);
        // Two touches at once on one kiosk: the one that wrote second is refused (as `busy` was).
        if (!(await save(req.params.kioskId, k, stored, version)))
          throw new MynaError('KIOSK_STEP', { action: b.action, busy: true });
        return body;
      },
    );
  };
}
