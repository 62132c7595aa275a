import {
  type FastifyPluginAsyncTypebox,
  type Static,
  type TSchema,
  Type,
} from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import {
  type ApplicantRole as ApplicantRoleType,
  type CertificateRecord,
  type CounterProcedure,
  type IdentityEvidence,
  PROCEDURE_KINDS,
  type Sandbox,
  type StaffRole,
  type StaffSession,
} from '@myna/services';
import type { FastifyRequest } from 'fastify';
import type { SandboxRuntime } from '../runtime.js';
import { HolderPinName, sameType } from '../schemas.js';
import {
  CardIdString,
  IsoString,
  PinValue,
  resetErrorResponses,
  Selfie,
  selfieFor,
} from './reset-schemas.js';

/** The header that carries a staff login (besides the sandbox API key). */
export const COUNTER_SESSION_HEADER = 'x-counter-session';

const SessionHeaders = Type.Object({
  [COUNTER_SESSION_HEADER]: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one)',
    }),
  ),
});

/**
 * The staff session of a request. Sessions are kept server-side by the counter (a token hash in
 * `counter_sessions`, expiring with the login after 8 hours), so every instance agrees; the token
 * itself is known only to the client.
 */
async function staffOf(sb: Sandbox, req: FastifyRequest): Promise<StaffSession> {
  const token = req.headers[COUNTER_SESSION_HEADER];
  if (typeof token !== 'string' || token === '')
    throw new MynaError('STAFF_LOGIN_FAILED', { reason: 'no-session' });
  const { session, staff } = await sb.reset.authority.staffSession(token);
  return {
    token,
    staffId: staff.id,
    name: staff.name,
    role: staff.role,
    municipalityCode: session.municipalityCode,
    window: session.window,
    terminal: sb.reset.counter.terminalFor(session.window),
    expiresAt: session.expiresAt,
  };
}

const Role = Type.Union([Type.Literal('clerk'), Type.Literal('supervisor')]);
sameType<Static<typeof Role>, StaffRole>(true);
const StaffId = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,31}$', description: '3–32 of a–z 0–9 . _ -' });
const Window = Type.String({ pattern: '^[A-Za-z0-9-]{1,16}$', description: 'The counter window (窓口番号)' });

const SessionBody = Type.Object({
  staffId: Type.String(),
  name: Type.String(),
  role: Role,
  municipalityCode: Type.String(),
  window: Type.String(),
  terminal: Type.String({ description: 'counter:<municipality>:<window>, the window’s card reader' }),
  expiresAt: IsoString,
});

const sessionView = (s: StaffSession) => ({
  staffId: s.staffId,
  name: s.name,
  role: s.role,
  municipalityCode: s.municipalityCode,
  window: s.window,
  terminal: s.terminal,
  expiresAt: s.expiresAt,
});

// Derived from the one declaration in @myna/services.
const ProcedureKind = Type.Union(PROCEDURE_KINDS.map((k) => Type.Literal(k)));
const ApplicantRole = Type.Union([
  Type.Literal('holder'),
  Type.Literal('legal-representative'),
  Type.Literal('voluntary-agent'),
]);
sameType<Static<typeof ApplicantRole>, ApplicantRoleType>(true);

const ProcedureBody = Type.Object({
  id: Type.String(),
  cardId: Type.String(),
  municipalityCode: Type.String(),
  kind: Type.String(),
  applicant: Type.Object({ role: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  pins: Type.Array(Type.String()),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('awaiting-answer'),
    Type.Literal('ready'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
  ]),
  checks: Type.Array(Type.String(), { description: 'Identity checks passed, by name' }),
  visits: Type.Integer(),
  answerAttempts: Type.Integer(),
  letterMailed: Type.Boolean(),
  holder: Type.Object(
    { residentId: Type.String(), name: Type.String(), birthDate: Type.String() },
    { description: 'The card holder as the register has them (as printed on the card)' },
  ),
  openedBy: Type.String(),
  openedAt: IsoString,
  updatedAt: IsoString,
  closedAt: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([Type.String(), Type.Null()]),
});

async function procedureView(sb: Sandbox, p: CounterProcedure) {
  const card = await sb.municipality.card(p.cardId);
  const r = await sb.municipality.resident(card.residentId);
  return {
    id: p.id,
    cardId: p.cardId,
    municipalityCode: p.municipalityCode,
    kind: p.kind,
    applicant: { role: p.applicant.role, name: p.applicant.name },
    pins: [...p.pins],
    status: p.status,
    checks: [...p.checks],
    visits: p.visits,
    answerAttempts: p.answerAttempts,
    letterMailed: p.letterId !== null,
    holder: { residentId: r.id, name: r.name, birthDate: r.birthDate },
    openedBy: p.openedBy,
    openedAt: p.openedAt,
    updatedAt: p.updatedAt,
    closedAt: p.closedAt,
    closedBy: p.closedBy,
  };
}

const CertificateSummary = Type.Object({
  kind: Type.String(),
  serialHex: Type.String(),
  status: Type.String(),
  notAfter: Type.String(),
});
const certView = (c: CertificateRecord) => ({
  kind: c.kind,
  serialHex: c.serialHex,
  status: c.status,
  notAfter: c.notAfter,
});

const ActionResult = Type.Object({
  procedure: ProcedureBody,
  released: Type.Optional(Type.Array(Type.String(), { description: 'Certificates released from hold' })),
  certificates: Type.Optional(Type.Array(CertificateSummary, { description: 'Certificates issued' })),
});

const PhotoIdBody = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('driver-license'),
      Type.Literal('passport'),
      Type.Literal('residence-card'),
      Type.Literal('other-official-photo-id'),
    ]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    birthDate: Type.String({ format: 'date' }),
  },
  { additionalProperties: false, description: 'An official photo ID shown at the counter: what it says' },
);

const IdentityBody = Type.Object(
  {
    selfie: Type.Optional(Selfie),
    forceFaceMismatch: Type.Optional(Type.Boolean()),
    photoId: Type.Optional(PhotoIdBody),
    proofOfAuthority: Type.Optional(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('family-register'), Type.Literal('guardianship-registration')]),
          holderName: Type.String({ minLength: 1, maxLength: 100 }),
          representativeName: Type.String({ minLength: 1, maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Holder in person: selfie (the person against the chip’s face photo) and a photo ID; legal representative: proof of authority and their photo ID; voluntary agent: their photo ID (the 照会書兼回答書 is mailed).',
  },
);

const PinValues = Type.Object(
  {
    auth: Type.Optional(PinValue),
    sign: Type.Optional(PinValue),
    kenhojo: Type.Optional(PinValue),
    juki: Type.Optional(PinValue),
    common: Type.Optional(PinValue),
  },
  { additionalProperties: false },
);

const ProcedureParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

const empty = Type.Object({}, { additionalProperties: false });

const SecondVisitBody = Type.Object(
  { answerCode: Type.String({ minLength: 1, maxLength: 32 }), photoId: PhotoIdBody },
  { additionalProperties: false },
);
const ResetPinsBody = Type.Object({ pins: PinValues }, { additionalProperties: false });
const ChangePinBody = Type.Object(
  { current: PinValue, next: PinValue, confirmLastTry: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const LiftSuspensionBody = Type.Object(
  { signPin: Type.Optional(PinValue), confirmLastTry: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const FromFaceAuthBody = Type.Object(
  {
    pins: Type.Object(
      {
        auth: PinValue,
        kenhojo: PinValue,
        juki: PinValue,
        common: Type.Optional(PinValue),
        sign: Type.Optional(PinValue),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const IssueSignBody = Type.Object({ newSignPin: Type.Optional(PinValue) }, { additionalProperties: false });

/**
 * The municipal counter (市区町村窓口): staff accounts and logins, and in-person procedures —
 * open → identity (→ letter and second visit for a voluntary agent) → the action. Procedure routes
 * need a staff login (`x-counter-session`) besides the API key, and run in office hours only.
 */
export function counterRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/counter',
      {
        schema: {
          tags: ['counter'],
          summary: 'The municipal counter / 市区町村窓口',
          response: {
            200: Type.Object({
              municipalityCode: Type.String(),
              nameJa: Type.String(),
              nameEn: Type.String(),
              officeHours: Type.Object({
                weekdays: Type.Array(Type.Integer()),
                open: Type.String(),
                close: Type.String(),
              }),
              photoIdRequired: Type.Boolean(),
              open: Type.Boolean({ description: 'Taking procedures now (sandbox time)' }),
              now: IsoString,
              staffAccounts: Type.Integer({ description: '0: the first account needs no login' }),
            }),
            ...resetErrorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const c = sb.reset.counter;
        const h = c.options.officeHours;
        return {
          municipalityCode: c.municipalityCode,
          nameJa: c.options.nameJa,
          nameEn: c.options.nameEn,
          officeHours: { weekdays: [...h.weekdays], open: h.open, close: h.close },
          photoIdRequired: c.options.photoIdRequired,
          open: c.isOpen(),
          now: sb.clock.now().toISOString(),
          staffAccounts: (await sb.reset.store.listStaff(sb.id, c.municipalityCode)).length,
        };
      },
    );

    app.post(
      '/api/counter/staff',
      {
        schema: {
          tags: ['counter'],
          summary: 'Create a staff account / 職員アカウントの作成',
          description:
            'The municipality’s first account needs no login and must be a supervisor; afterwards only a supervisor (x-counter-session) creates accounts. Passwords: at least 10 characters, stored as scrypt.',
          headers: SessionHeaders,
          body: Type.Object(
            {
              id: StaffId,
              name: Type.String({ minLength: 1, maxLength: 100 }),
              role: Role,
              password: Type.String({ minLength: 1, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.String(),
              name: Type.String(),
              role: Role,
              municipalityCode: Type.String(),
              createdAt: IsoString,
            }),
            ...resetErrorResponses,
          },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const by = req.headers[COUNTER_SESSION_HEADER] !== undefined ? await staffOf(sb, req) : null;
        const a = await sb.reset.counter.createStaff(by, req.body);
        return reply.status(201).send({
          id: a.id,
          name: a.name,
          role: a.role,
          municipalityCode: a.municipalityCode,
          createdAt: a.createdAt,
        });
      },
    );

    app.post(
      '/api/counter/login',
      {
        schema: {
          tags: ['counter'],
          summary: 'Staff login at a window / 職員ログイン',
          description:
            'Any hour. Returns the session token once: send it as x-counter-session. It lasts 8 hours; only its hash is stored. Wrong id or password: STAFF_LOGIN_FAILED alike.',
          body: Type.Object(
            {
              id: Type.String({ minLength: 1, maxLength: 32 }),
              password: Type.String({ minLength: 1, maxLength: 200 }),
              window: Type.Optional(Window),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ token: Type.String(), session: SessionBody }),
            ...resetErrorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const s = await sb.reset.counter.login(req.body.id, req.body.password, req.body.window ?? '1');
        return { token: s.token, session: sessionView(s) };
      },
    );

    app.get(
      '/api/counter/session',
      {
        schema: {
          tags: ['counter'],
          summary: 'The current staff login / ログイン中の職員',
          headers: SessionHeaders,
          response: { 200: SessionBody, ...resetErrorResponses },
        },
      },
      async (req) => sessionView(await staffOf(await runtime.get(req.sandboxId), req)),
    );

    app.post(
      '/api/counter/logout',
      {
        schema: {
          tags: ['counter'],
          summary: 'Staff logout / ログアウト',
          headers: SessionHeaders,
          response: { 204: Type.Null(), ...resetErrorResponses },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.reset.counter.logout(await staffOf(sb, req));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/counter/procedures',
      {
        schema: {
          tags: ['counter'],
          summary: 'Open a procedure for a card / 手続の受付',
          description:
            'Kinds: pin-reset (pins: any holder PINs), pin-change (one PIN), lift-suspension, to-face-auth, from-face-auth, sign-certificate. A suspended card admits only lift-suspension; a voluntary agent only pin-reset. Office hours only (COUNTER_CLOSED).',
          headers: SessionHeaders,
          body: Type.Object(
            {
              cardId: CardIdString,
              kind: ProcedureKind,
              applicant: Type.Object(
                { role: ApplicantRole, name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
                { additionalProperties: false },
              ),
              pins: Type.Optional(Type.Array(HolderPinName, { maxItems: 5 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: ProcedureBody, ...resetErrorResponses },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const s = await staffOf(sb, req);
        const b = req.body;
        const p = await sb.reset.counter.open(s, {
          cardId: b.cardId,
          kind: b.kind,
          applicant: { role: b.applicant.role, ...(b.applicant.name ? { name: b.applicant.name } : {}) },
          ...(b.pins ? { pins: b.pins } : {}),
        });
        return reply.status(201).send(await procedureView(sb, p));
      },
    );

    app.get(
      '/api/counter/procedures/:id',
      {
        schema: {
          tags: ['counter'],
          summary: 'A procedure / 手続',
          headers: SessionHeaders,
          params: ProcedureParams,
          response: { 200: ProcedureBody, ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        return procedureView(sb, await sb.reset.counter.procedure(await staffOf(sb, req), req.params.id));
      },
    );

    /** One step of an open procedure: the staff login, the work, and the procedure as it is after. */
    const step = <S extends TSchema>(
      path: string,
      summary: string,
      description: string,
      body: S,
      work: (
        sb: Sandbox,
        s: StaffSession,
        id: string,
        b: Static<S>,
      ) => Promise<{ procedure: CounterProcedure; released?: string[]; certificates?: CertificateRecord[] }>,
    ) =>
      app.post(
        `/api/counter/procedures/:id/${path}`,
        {
          // A step without input may be posted without a body.
          preValidation: async (req) => {
            if (req.body === undefined || req.body === null) (req as { body: unknown }).body = {};
          },
          schema: {
            tags: ['counter'],
            summary,
            description,
            headers: SessionHeaders,
            params: ProcedureParams,
            body,
            response: { 200: ActionResult, ...resetErrorResponses },
          },
        },
        async (req) => {
          const sb = await runtime.get(req.sandboxId);
          const s = await staffOf(sb, req);
          // The body's type is its schema's (validated above); TypeScript cannot follow a generic S here.
          const out = await work(sb, s, req.params.id, req.body as Static<S>);
          return {
            procedure: await procedureView(sb, out.procedure),
            ...(out.released ? { released: out.released } : {}),
            ...(out.certificates ? { certificates: out.certificates.map(certView) } : {}),
          };
        },
      );

    step(
      'identity',
      'Confirm identity / 本人確認',
      'Holder: the card’s face photo read from the chip against the person (selfie), plus a photo ID matching the register where required. Legal representative: proof of authority, their photo ID, the card read. Voluntary agent: their photo ID; the 照会書兼回答書 is mailed to the holder (status awaiting-answer).',
      IdentityBody,
      async (sb, s, id, b) => {
        const p = await sb.reset.counter.procedure(s, id);
        const evidence: IdentityEvidence = {
          ...(b.selfie ? { selfie: await selfieFor(sb, p.cardId, b.selfie) } : {}),
          ...(b.forceFaceMismatch !== undefined ? { forceFaceMismatch: b.forceFaceMismatch } : {}),
          ...(b.photoId ? { photoId: b.photoId } : {}),
          ...(b.proofOfAuthority ? { proofOfAuthority: b.proofOfAuthority } : {}),
        };
        return { procedure: await sb.reset.counter.confirmIdentity(s, id, evidence) };
      },
    );

    step(
      'second-visit',
      'A voluntary agent’s second visit / 任意代理人の再来庁',
      'Not on the day the letter was mailed. The agent’s photo ID, the card read, and the answer code from the 照会書兼回答書 (case, spaces and hyphens ignored; the third wrong code voids the procedure). The code is never echoed.',
      SecondVisitBody,
      async (sb, s, id, b) => ({ procedure: await sb.reset.counter.secondVisit(s, id, b) }),
    );

    step(
      'reset-pins',
      'Reset PINs / 暗証番号の初期化・再設定',
      'New values for exactly the procedure’s PINs, each by its rule; no other PIN needed (the route for a holder who forgot every PIN). Performed by the authority through the window’s reader.',
      ResetPinsBody,
      async (sb, s, id, b) => ({ procedure: await sb.reset.counter.resetPins(s, id, b.pins) }),
    );

    step(
      'change-pin',
      'Change a PIN / 暗証番号の変更',
      'The holder enters the current and the new value (VERIFY + CHANGE REFERENCE DATA; a wrong current value spends a try and the procedure stays open).',
      ChangePinBody,
      async (sb, s, id, b) => ({ procedure: await sb.reset.counter.changePin(s, id, b) }),
    );

    step(
      'lift-suspension',
      'Lift a suspension / 一時停止の解除',
      'Supervisors only. The user-auth certificate is released; the signature certificate only if the holder enters the signature password (a real VERIFY).',
      LiftSuspensionBody,
      async (sb, s, id, b) => {
        const out = await sb.reset.counter.liftSuspension(s, id, b);
        return { procedure: out.procedure, released: [...out.released] };
      },
    );

    step(
      'switch-to-face-auth',
      'Switch to a face-authentication card / 顔認証カードへの切替',
      'Every holder PIN erased, the signature key and certificate removed (revoked), reservations cancelled.',
      empty,
      async (sb, s, id) => ({ procedure: await sb.reset.counter.switchToFaceAuth(s, id) }),
    );

    step(
      'switch-from-face-auth',
      'Switch back from a face-authentication card / 顔認証カードからの切替',
      'New PINs set on the card; from the 15th birthday a signature password is required and a new signature certificate is issued.',
      FromFaceAuthBody,
      async (sb, s, id, b) => sb.reset.counter.switchFromFaceAuth(s, id, b.pins),
    );

    step(
      'issue-sign-certificate',
      'Issue a new signature certificate / 署名用電子証明書の発行',
      'A new key pair and certificate written to the card (e.g. after a change of address); the password is set to newSignPin or kept with a full counter.',
      IssueSignBody,
      async (sb, s, id, b) => {
        const out = await sb.reset.counter.issueSignCertificate(s, id, b);
        return { procedure: out.procedure, certificates: [out.certificate] };
      },
    );

    step(
      'cancel',
      'Cancel a procedure / 手続の取消し',
      'An unfinished procedure is cancelled.',
      empty,
      async (sb, s, id) => ({ procedure: await sb.reset.counter.cancel(s, id) }),
    );
  };
}
