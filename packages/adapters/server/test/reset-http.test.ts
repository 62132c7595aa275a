import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bad, injector, ok, type Res } from './inject.js';

/**
 * The reset ecosystem over HTTP (phone app, kiosk, counter, lost-card line, timeline, mailbox):
 * every route's validation through inject() — bad JSON, wrong types, unknown card, wrong API key,
 * another sandbox's card, missing or expired counter session — and each flow once.
 */
let s: SandboxServer;
let key: string;
let otherKey: string;
const { h, post, get } = injector(
  () => s,
  () => key,
);
const other = () => ({ 'x-api-key': otherKey });

/** Next Tuesday, 10:00 JST, after today: kiosks and the counter are open. */
function tuesdayMorning(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + 1 + ((8 - d.getUTCDay()) % 7));
  return `${d.toISOString().slice(0, 10)}T10:00:00+09:00`;
}
const at = (time: string) => post('/api/clock', { action: 'freeze', at: time });

async function issue(payload: object = {}): Promise<{ id: string; residentId: string }> {
  return ok(await post('/api/cards', payload), 201);
}
async function tries(id: string, pin: string): Promise<number> {
  return ok(await get(`/api/cards/${id}`)).pins[pin].triesLeft;
}

let card: { id: string; residentId: string };
const DAY = tuesdayMorning().slice(0, 10);

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(5) });
  key = s.defaultSandbox.apiKey;
  otherKey = ok(await post('/api/sandboxes', { name: 'other' }, {}), 201).apiKey;
  ok(await at(tuesdayMorning()));
  card = await issue();
});
afterAll(() => s.close());

describe('authentication and isolation', () => {
  it.each([
    ['POST', '/api/phone/reservations'],
    ['DELETE', '/api/phone/reservations/card_x/sign'],
    ['GET', '/api/cards/card_x/reservations'],
    ['GET', '/api/cards/card_x/timeline'],
    ['GET', '/api/residents/res_x/mailbox'],
    ['POST', '/api/lost-card'],
    ['GET', '/api/store-chains'],
    ['POST', '/api/kiosks'],
    ['GET', '/api/kiosks/ksk_x'],
    ['POST', '/api/kiosks/ksk_x/actions'],
    ['GET', '/api/counter'],
    ['POST', '/api/counter/staff'],
    ['POST', '/api/counter/login'],
    ['POST', '/api/counter/procedures'],
    ['POST', '/api/counter/procedures/prc_x/identity'],
  ])('%s %s needs a valid API key', async (method, url) => {
    bad((await s.app.inject({ method: method as 'GET', url })) as Res, 401, 'API_KEY_INVALID');
    bad(
      (await s.app.inject({ method: method as 'GET', url, headers: { 'x-api-key': 'myna_no' } })) as Res,
      401,
      'API_KEY_INVALID',
    );
  });

  it.each([
    '/api/phone/reservations',
    '/api/lost-card',
    '/api/kiosks',
    '/api/kiosks/ksk_x/actions',
    '/api/counter/staff',
    '/api/counter/login',
    '/api/counter/procedures',
    '/api/counter/procedures/prc_x/reset-pins',
  ])('POST %s with bad JSON → 400 INVALID_ARGUMENT (body)', async (url) => {
    const r = (await s.app.inject({
      method: 'POST',
      url,
      headers: h({ 'content-type': 'application/json', 'x-counter-session': 'x' }),
      payload: '{"pin": "1234"',
    })) as Res;
    expect(bad(r, 400, 'INVALID_ARGUMENT').details.field).toBe('body');
    expect(r.body).not.toContain('1234');
  });

  it("another sandbox's card, resident and kiosk are not found", async () => {
    bad(await get(`/api/cards/${card.id}/reservations`, other()), 404, 'CARD_NOT_FOUND');
    bad(await get(`/api/cards/${card.id}/timeline`, other()), 404, 'CARD_NOT_FOUND');
    bad(await get(`/api/residents/${card.residentId}/mailbox`, other()), 404, 'RESIDENT_NOT_FOUND');
    bad(await post('/api/lost-card', { cardId: card.id }, other()), 404, 'CARD_NOT_FOUND');
    bad(
      await post(
        '/api/phone/reservations',
        { cardId: card.id, pin: 'sign', otherPin: '1234', selfie: 'holder' },
        other(),
      ),
      404,
      'CARD_NOT_FOUND',
    );
    bad(
      (await s.app.inject({
        method: 'DELETE',
        url: `/api/phone/reservations/${card.id}/sign`,
        headers: other(),
      })) as Res,
      404,
      'CARD_NOT_FOUND',
    );
    const k = ok(await post('/api/kiosks', { chain: 'seven-eleven' }), 201);
    bad(await get(`/api/kiosks/${k.kioskId}`, other()), 404, 'NOT_FOUND');
    bad(await post(`/api/kiosks/${k.kioskId}/actions`, { action: 'home' }, other()), 404, 'NOT_FOUND');
  });
});

describe('the JPKI PIN-reset app (reservations)', () => {
  it.each([
    ['not JSON', '{"cardId":', 'body'],
    [
      'wrong type',
      JSON.stringify({
        cardId: 'c',
        pin: 'sign',
        otherPin: '1234',
        selfie: 'holder',
        confirmLastTry: 'maybe',
      }),
      'body/confirmLastTry',
    ],
    [
      'a counter-only PIN',
      JSON.stringify({ cardId: 'c', pin: 'kenhojo', otherPin: '1234', selfie: 'holder' }),
      'body/pin',
    ],
    [
      'an unknown selfie',
      JSON.stringify({ cardId: 'c', pin: 'sign', otherPin: '1234', selfie: 'photo.jpg' }),
      'body/selfie',
    ],
    ['a missing other PIN', JSON.stringify({ cardId: 'c', pin: 'sign', selfie: 'holder' }), 'body/otherPin'],
    [
      'an unknown field',
      JSON.stringify({ cardId: 'c', pin: 'sign', otherPin: '1234', selfie: 'holder', pinValue: '9' }),
      'body/pinValue',
    ],
    [
      'a bad card face',
      JSON.stringify({
        cardId: 'c',
        pin: 'sign',
        otherPin: '1234',
        selfie: 'holder',
        cardFace: { birthDate: '1985-04-01', expiry: '2036-13-01', securityCode: '1234' },
      }),
      'body/cardFace/expiry',
    ],
  ])('%s → 400 INVALID_ARGUMENT, nothing echoed', async (_what, payload, field) => {
    const r = (await s.app.inject({
      method: 'POST',
      url: '/api/phone/reservations',
      headers: h({ 'content-type': 'application/json' }),
      payload,
    })) as Res;
    const body = bad(r, 400, 'INVALID_ARGUMENT');
    expect(body.details.field).toBe(field);
    expect(r.body).not.toContain('1234');
  });

  it('reserves after a real VERIFY of the other PIN and the face match; lists; cancels', async () => {
    const base = { cardId: card.id, pin: 'sign', selfie: 'holder' };
    bad(
      await post('/api/phone/reservations', { ...base, cardId: 'card_nope', otherPin: '1234' }),
      404,
      'CARD_NOT_FOUND',
    );
    const wrong = bad(await post('/api/phone/reservations', { ...base, otherPin: '9999' }), 401, 'PIN_WRONG');
    expect(wrong.details.triesLeft).toBe(2);
    bad(
      await post('/api/phone/reservations', { ...base, otherPin: '1234', selfie: 'someone-else' }),
      401,
      'FACE_MISMATCH',
    );
    bad(
      await post('/api/phone/reservations', { ...base, otherPin: '1234', forceFaceMismatch: true }),
      401,
      'FACE_MISMATCH',
    );
    expect(await tries(card.id, 'auth')).toBe(3); // the right PIN restored the counter
    const r = await post('/api/phone/reservations', { ...base, otherPin: '1234' });
    const made = ok(r, 201);
    expect(r.body).not.toContain('1234');
    expect(made.replaced).toBeNull();
    expect(made.reservation).toMatchObject({
      pin: 'sign',
      status: 'active',
      expired: false,
      terminal: 'app:jpki-reset',
    });
    expect(Date.parse(made.reservation.expiresAt) - Date.parse(made.reservation.faceMatchedAt)).toBe(
      24 * 3600_000,
    );
    // A wrong printed face is a wrong 照合番号B: refused.
    const face = { birthDate: '1985-04-01', expiry: '2030-01-01', securityCode: '0000' };
    expect(
      (await post('/api/phone/reservations', { ...base, otherPin: '1234', cardFace: face })).statusCode,
    ).toBe(401);
    // A second reservation replaces the first.
    const again = ok(
      await post('/api/phone/reservations', { ...base, otherPin: '1234', device: 'pixel' }),
      201,
    );
    expect(again.replaced).toMatchObject({ id: made.reservation.id, status: 'replaced' });
    expect(again.reservation.terminal).toBe('app:jpki-reset:pixel');
    const list = ok(await get(`/api/cards/${card.id}/reservations`));
    // Same sandbox instant (frozen clock): compare as a set.
    expect(list.map((x: { status: string }) => x.status).sort()).toEqual(['active', 'replaced']);
    const del = () =>
      s.app.inject({
        method: 'DELETE',
        url: `/api/phone/reservations/${card.id}/sign`,
        headers: h(),
      }) as Promise<Res>;
    expect(ok(await del()).status).toBe('cancelled');
    bad(await del(), 404, 'RESERVATION_NOT_FOUND');
    bad(
      (await s.app.inject({
        method: 'DELETE',
        url: `/api/phone/reservations/${card.id}/juki`,
        headers: h(),
      })) as Res,
      400,
      'INVALID_ARGUMENT',
    );
  });
});

describe('the kiosk (K1–K7, errors as screens)', () => {
  const act = (id: string, payload: object) => post(`/api/kiosks/${id}/actions`, payload);

  it('validates chains, kiosk ids, actions and screens', async () => {
    bad(await post('/api/kiosks', { chain: 'circle-k' }), 400, 'INVALID_ARGUMENT');
    bad(await post('/api/kiosks', { chain: 'lawson', storeId: '../x' }), 400, 'INVALID_ARGUMENT');
    bad(await get('/api/kiosks/ksk_missing'), 404, 'NOT_FOUND');
    bad(await get('/api/kiosks/bad%20id'), 400, 'INVALID_ARGUMENT');
    const k = ok(await post('/api/kiosks', { chain: 'lawson', storeId: 'kiyose-1' }), 201);
    expect(k).toMatchObject({
      terminal: 'kiosk:lawson:kiyose-1',
      offers: ['sign'],
      hours: { open: '06:30', close: '23:00' },
      inService: true,
      screen: { id: 'K1', feeYen: 0, card: 'none' },
    });
    bad(await act(k.kioskId, { action: 'press-any-key' }), 400, 'INVALID_ARGUMENT');
    bad(await act(k.kioskId, { action: 'choose-pin', pin: 'juki' }), 400, 'INVALID_ARGUMENT');
    bad(await act(k.kioskId, { action: 'agree', extra: 1 }), 400, 'INVALID_ARGUMENT');
    bad(await act(k.kioskId, { action: 'agree' }), 409, 'KIOSK_STEP');
    ok(await act(k.kioskId, { action: 'administrative-services' }));
    ok(await act(k.kioskId, { action: 'password-reset' }));
    // E5: Lawson does not reset the user-auth PIN — a screen, not an HTTP error.
    const e5 = ok(await act(k.kioskId, { action: 'choose-pin', pin: 'auth' }));
    expect(e5.screen).toMatchObject({ id: 'ERROR', error: { id: 'E5', code: 'STORE_CANNOT_RESET' } });
    expect(e5.screen.error.ja).toContain('この店舗');
    expect(ok(await act(k.kioskId, { action: 'home' })).screen.id).toBe('K1');
  });

  it('E1 without a reservation; K1–K7 with one; the new password signs; E7 outside hours', async () => {
    const c = await issue({ initialTries: { sign: 0 } });
    const k = ok(await post('/api/kiosks', { chain: 'seven-eleven' }), 201).kioskId;
    const toK4 = async () => {
      ok(await act(k, { action: 'administrative-services' }));
      ok(await act(k, { action: 'password-reset' }));
      expect(ok(await act(k, { action: 'choose-pin', pin: 'sign' })).screen.id).toBe('K3');
      expect(ok(await act(k, { action: 'agree' })).screen.id).toBe('K4');
    };
    await toK4();
    bad(await act(k, { action: 'place-card', cardId: 'card_nope' }), 404, 'CARD_NOT_FOUND');
    const e1 = ok(await act(k, { action: 'place-card', cardId: c.id }));
    expect(e1.screen).toMatchObject({ id: 'ERROR', card: 'returned', error: { id: 'E1' } });
    expect(ok(await act(k, { action: 'remove-card' })).screen.id).toBe('K1');

    ok(
      await post('/api/phone/reservations', {
        cardId: c.id,
        pin: 'sign',
        otherPin: '1234',
        selfie: 'holder',
      }),
      201,
    );
    await toK4();
    expect(ok(await act(k, { action: 'place-card', cardId: c.id })).screen).toMatchObject({
      id: 'K5',
      card: 'inserted',
    });
    const e3 = ok(await act(k, { action: 'other-pin', value: '0000' }));
    expect(e3.screen).toMatchObject({ id: 'K5', error: { id: 'E3', details: { triesLeft: 2 } } });
    expect(ok(await act(k, { action: 'other-pin', value: '1234' })).screen.id).toBe('K6');
    const differ = ok(await act(k, { action: 'new-pin', value: 'NEWPASS1', confirmation: 'NEWPASS2' }));
    expect(differ.screen).toMatchObject({ id: 'K6', notice: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(differ)).not.toMatch(/NEWPASS/);
    const k7 = await act(k, { action: 'new-pin', value: 'newpass1', confirmation: 'NEWPASS1' });
    expect(ok(k7).screen).toMatchObject({ id: 'K7', card: 'returned' });
    expect(k7.body).not.toMatch(/NEWPASS|newpass|1234/i);
    expect(ok(await act(k, { action: 'remove-card' })).screen.id).toBe('K1');
    expect(await tries(c.id, 'sign')).toBe(5);
    const list = ok(await get(`/api/cards/${c.id}/reservations`));
    expect(list[0].status).toBe('used');

    ok(await at(`${DAY}T23:30:00+09:00`));
    const late = ok(await get(`/api/kiosks/${k}`));
    expect(late.inService).toBe(false);
    const e7 = ok(await act(k, { action: 'administrative-services' }));
    expect(e7.screen).toMatchObject({ id: 'ERROR', error: { id: 'E7', code: 'KIOSK_CLOSED' } });
    ok(await at(`${DAY}T10:00:00+09:00`));
  });
});

describe('the municipal counter', () => {
  const SUP = { id: 'sato.sup', name: '佐藤　主任', role: 'supervisor', password: 'correct horse battery' };
  const CLERK = { id: 'kato.clerk', name: '加藤　係員', role: 'clerk', password: 'staple battery horse' };
  let sup: string;
  let clerk: string;
  const as = (token: string) => h({ 'x-counter-session': token });
  const login = async (a: { id: string; password: string }, window = '1') =>
    ok(await post('/api/counter/login', { id: a.id, password: a.password, window })).token as string;

  it('staff: the first account is a supervisor without a login; then only supervisors create', async () => {
    expect(ok(await get('/api/counter'))).toMatchObject({
      staffAccounts: 0,
      open: true,
      photoIdRequired: true,
    });
    bad(await post('/api/counter/staff', { ...SUP, role: 'clerk' }), 400, 'INVALID_ARGUMENT');
    bad(await post('/api/counter/staff', { ...SUP, id: 'No Spaces' }), 400, 'INVALID_ARGUMENT');
    bad(await post('/api/counter/staff', { ...SUP, password: 'short' }), 400, 'INVALID_ARGUMENT');
    const r = await post('/api/counter/staff', SUP);
    expect(ok(r, 201)).toMatchObject({ id: 'sato.sup', role: 'supervisor' });
    expect(r.body).not.toContain('horse');
    bad(await post('/api/counter/staff', CLERK), 403, 'STAFF_FORBIDDEN');
    bad(await post('/api/counter/staff', CLERK, as('forged')), 401, 'STAFF_LOGIN_FAILED');
    bad(
      await post('/api/counter/login', { id: 'sato.sup', password: 'wrong password!' }),
      401,
      'STAFF_LOGIN_FAILED',
    );
    bad(
      await post('/api/counter/login', { id: 'sato.sup', password: SUP.password, window: '窓口' }),
      400,
      'INVALID_ARGUMENT',
    );
    sup = await login(SUP, '1');
    ok(await post('/api/counter/staff', CLERK, as(sup)), 201);
    clerk = await login(CLERK, '2');
    bad(await post('/api/counter/staff', { ...CLERK, id: 'x.y.z' }, as(clerk)), 403, 'STAFF_FORBIDDEN');
    expect(ok(await get('/api/counter/session', as(clerk)))).toMatchObject({
      staffId: 'kato.clerk',
      role: 'clerk',
      terminal: 'counter:13221:2',
    });
  });

  it('procedures need a current session: missing, forged, another sandbox, logged out, expired', async () => {
    const body = { cardId: card.id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] };
    bad(await post('/api/counter/procedures', body), 401, 'STAFF_LOGIN_FAILED');
    bad(await post('/api/counter/procedures', body, as('nope')), 401, 'STAFF_LOGIN_FAILED');
    bad(
      await post('/api/counter/procedures', body, { ...other(), 'x-counter-session': clerk }),
      401,
      'STAFF_LOGIN_FAILED',
    );
    bad(await get('/api/counter/procedures/prc_x', as('nope')), 401, 'STAFF_LOGIN_FAILED');
    const t = await login(CLERK, '3');
    expect((await post('/api/counter/logout', {}, as(t))).statusCode).toBe(204);
    bad(await post('/api/counter/procedures', body, as(t)), 401, 'STAFF_LOGIN_FAILED');
    const late = await login(CLERK, '4');
    ok(await post('/api/clock', { action: 'advance', ms: 8 * 3600_000 }));
    bad(await get('/api/counter/session', as(late)), 401, 'STAFF_LOGIN_FAILED');
    ok(await at(`${DAY}T10:00:00+09:00`));
    bad(await get('/api/counter/procedures/prc_missing', as(clerk)), 404, 'PROCEDURE_NOT_FOUND');
  });

  it('validates procedure bodies; office hours', async () => {
    const P = '/api/counter/procedures';
    bad(
      await post(P, { cardId: card.id, kind: 'abolish', applicant: { role: 'holder' } }, as(clerk)),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(P, { cardId: card.id, kind: 'pin-reset', applicant: { role: 'friend' } }, as(clerk)),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(
        P,
        { cardId: card.id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['pin9'] },
        as(clerk),
      ),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(P, { cardId: card.id, kind: 'pin-reset', applicant: { role: 'holder' } }, as(clerk)),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(
        P,
        { cardId: 'card_nope', kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] },
        as(clerk),
      ),
      404,
      'CARD_NOT_FOUND',
    );
    ok(await at(`${DAY}T17:00:00+09:00`));
    bad(
      await post(
        P,
        { cardId: card.id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] },
        as(clerk),
      ),
      409,
      'COUNTER_CLOSED',
    );
    ok(await at(`${DAY}T10:00:00+09:00`));
  });

  it('a holder who forgot every PIN: identity, then all four reset', async () => {
    const c = await issue({ initialTries: { auth: 0, sign: 0, kenhojo: 0, juki: 0 } });
    const opened = ok(
      await post(
        '/api/counter/procedures',
        {
          cardId: c.id,
          kind: 'pin-reset',
          applicant: { role: 'holder' },
          pins: ['auth', 'sign', 'kenhojo', 'juki', 'common'],
        },
        as(clerk),
      ),
      201,
    );
    expect(opened).toMatchObject({
      status: 'open',
      holder: { residentId: c.residentId, name: '山田　太郎', birthDate: '1985-04-01' },
    });
    const P = `/api/counter/procedures/${opened.id}`;
    bad(await post(`${P}/reset-pins`, { pins: { auth: '1111' } }, as(clerk)), 409, 'IDENTITY_NOT_CONFIRMED');
    const photoId = { kind: 'driver-license', name: '山田　太郎', birthDate: '1985-04-01' };
    bad(
      await post(
        `${P}/identity`,
        { selfie: 'holder', photoId: { ...photoId, kind: 'library-card' } },
        as(clerk),
      ),
      400,
      'INVALID_ARGUMENT',
    );
    const nf = bad(
      await post(`${P}/identity`, { selfie: 'someone-else', photoId }, as(clerk)),
      409,
      'IDENTITY_NOT_CONFIRMED',
    );
    expect(nf.details).toMatchObject({ check: 'card-face-match' });
    bad(
      await post(
        `${P}/identity`,
        { selfie: 'holder', photoId: { ...photoId, name: '山田　次郎' } },
        as(clerk),
      ),
      409,
      'IDENTITY_NOT_CONFIRMED',
    );
    const ready = ok(await post(`${P}/identity`, { selfie: 'holder', photoId }, as(clerk)));
    expect(ready.procedure).toMatchObject({
      status: 'ready',
      checks: ['card-face-match', 'holder-photo-id:driver-license'],
    });
    bad(await post(`${P}/reset-pins`, { pins: { auth: 1111 } }, as(clerk)), 400, 'INVALID_ARGUMENT');
    const pins = { auth: '1357', sign: 'FORGOT2026', kenhojo: '2468', juki: '3579', common: '3579' };
    const done = await post(`${P}/reset-pins`, { pins }, as(clerk));
    expect(ok(done).procedure.status).toBe('completed');
    for (const v of Object.values(pins)) expect(done.body).not.toContain(v);
    const st = ok(await get(`/api/cards/${c.id}`)).pins;
    expect(
      [st.auth, st.sign, st.kenhojo, st.juki, st.common].map((p: { triesLeft: number }) => p.triesLeft),
    ).toEqual([3, 5, 3, 3, 3]);
    const timeline = await get(`/api/cards/${c.id}/timeline`);
    for (const v of Object.values(pins)) expect(timeline.body).not.toContain(v);
    expect(ok(timeline).some((e: { step?: string }) => e.step === 'counter.reset')).toBe(true);
  });

  it("a voluntary agent: the letter in the holder's mailbox, the second visit the next day", async () => {
    const c = await issue();
    const agent = { kind: 'passport', name: '代理　人', birthDate: '1970-01-01' };
    const p = ok(
      await post(
        '/api/counter/procedures',
        {
          cardId: c.id,
          kind: 'pin-reset',
          applicant: { role: 'voluntary-agent', name: agent.name },
          pins: ['auth'],
        },
        as(clerk),
      ),
      201,
    );
    const P = `/api/counter/procedures/${p.id}`;
    const v1 = ok(await post(`${P}/identity`, { photoId: agent }, as(clerk)));
    expect(v1.procedure).toMatchObject({ status: 'awaiting-answer', letterMailed: true });
    const [letter] = ok(await get(`/api/residents/${c.residentId}/mailbox`));
    expect(letter).toMatchObject({ kind: 'inquiry-and-answer', doNotForward: true, procedureId: p.id });
    expect(letter.answerCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(JSON.stringify(v1)).not.toContain(letter.answerCode);
    const early = bad(
      await post(`${P}/second-visit`, { answerCode: letter.answerCode, photoId: agent }, as(clerk)),
      409,
      'PROCEDURE_STATE',
    );
    expect(early.details.reason).toBe('letter-still-in-the-mail');
    ok(await post('/api/clock', { action: 'advance', ms: 24 * 3600_000 }));
    const clerk2 = await login(CLERK, '2');
    const wrong = await post(`${P}/second-visit`, { answerCode: 'ZZZZ-ZZZZ', photoId: agent }, as(clerk2));
    expect(bad(wrong, 401, 'ANSWER_CODE_INVALID').details.attemptsLeft).toBe(2);
    expect(wrong.body).not.toContain('ZZZZ');
    const right = ok(
      await post(
        `${P}/second-visit`,
        { answerCode: letter.answerCode.toLowerCase(), photoId: agent },
        as(clerk2),
      ),
    );
    expect(right.procedure).toMatchObject({ status: 'ready', visits: 2 });
    expect(ok(await post(`${P}/reset-pins`, { pins: { auth: '8642' } }, as(clerk2))).procedure.status).toBe(
      'completed',
    );
    ok(await at(`${DAY}T10:00:00+09:00`));
    sup = await login(SUP, '1');
    clerk = await login(CLERK, '2');
  });

  it('lost card: suspended, certificates on hold; lifted by a supervisor only', async () => {
    bad(await post('/api/lost-card', {}), 400, 'INVALID_ARGUMENT');
    bad(await post('/api/lost-card', { cardId: card.id, reason: 'misplaced' }), 400, 'INVALID_ARGUMENT');
    bad(await post('/api/lost-card', { cardId: 'card_nope' }), 404, 'CARD_NOT_FOUND');
    const c = await issue();
    const lost = ok(await post('/api/lost-card', { cardId: c.id, reason: 'stolen', caller: 'family' }));
    expect(lost.onHold.map((x: { kind: string }) => x.kind).sort()).toEqual(['auth', 'sign']);
    // Again: nothing changes.
    expect(ok(await post('/api/lost-card', { cardId: c.id })).onHold).toHaveLength(2);
    const status = ok(await get(`/api/cards/${c.id}`));
    expect(status.card.status).toBe('suspended');
    expect(status.certificates.map((x: { kind: string; status: string }) => `${x.kind}:${x.status}`)).toEqual(
      ['auth:hold', 'sign:hold'],
    );
    bad(
      await post('/api/phone/reservations', {
        cardId: c.id,
        pin: 'sign',
        otherPin: '1234',
        selfie: 'holder',
      }),
      423,
      'CARD_SUSPENDED',
    );
    bad(
      await post(
        '/api/counter/procedures',
        { cardId: c.id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] },
        as(clerk),
      ),
      423,
      'CARD_SUSPENDED',
    );
    const p = ok(
      await post(
        '/api/counter/procedures',
        { cardId: c.id, kind: 'lift-suspension', applicant: { role: 'holder' } },
        as(sup),
      ),
      201,
    );
    const P = `/api/counter/procedures/${p.id}`;
    ok(
      await post(
        `${P}/identity`,
        { selfie: 'holder', photoId: { kind: 'passport', name: '山田　太郎', birthDate: '1985-04-01' } },
        as(sup),
      ),
    );
    bad(await post(`${P}/lift-suspension`, {}, as(clerk)), 403, 'STAFF_FORBIDDEN');
    const lifted = ok(await post(`${P}/lift-suspension`, { signPin: 'ABC123' }, as(sup)));
    expect(lifted.released.sort()).toEqual(['auth', 'sign']);
    expect(ok(await get(`/api/cards/${c.id}`)).card.status).toBe('active');
    const steps = ok(await get(`/api/cards/${c.id}/timeline`)).map(
      (e: { type: string; step?: string }) => e.step ?? e.type,
    );
    expect(steps).toContain('suspended');
    expect(steps).toContain('lift-suspension');
  });

  it('other actions: change, cancel, face-auth both ways, a new signature certificate', async () => {
    const c = await issue();
    const open = async (kind: string, pins?: string[]) => {
      const p = ok(
        await post(
          '/api/counter/procedures',
          { cardId: c.id, kind, applicant: { role: 'holder' }, ...(pins ? { pins } : {}) },
          as(sup),
        ),
        201,
      );
      ok(
        await post(
          `/api/counter/procedures/${p.id}/identity`,
          { selfie: 'holder', photoId: { kind: 'passport', name: '山田　太郎', birthDate: '1985-04-01' } },
          as(sup),
        ),
      );
      return `/api/counter/procedures/${p.id}`;
    };
    const ch = await open('pin-change', ['auth']);
    bad(await post(`${ch}/change-pin`, { current: '0000', next: '4321' }, as(sup)), 401, 'PIN_WRONG');
    expect(
      ok(await post(`${ch}/change-pin`, { current: '1234', next: '4321' }, as(sup))).procedure.status,
    ).toBe('completed');
    const x = await open('pin-reset', ['juki']);
    expect(ok(await post(`${x}/cancel`, {}, as(sup))).procedure.status).toBe('cancelled');
    bad(await post(`${x}/cancel`, {}, as(sup)), 409, 'PROCEDURE_STATE');
    const sc = await open('sign-certificate');
    const issued = ok(await post(`${sc}/issue-sign-certificate`, { newSignPin: 'NEWSIGN1' }, as(sup)));
    expect(issued.certificates).toHaveLength(1);
    const to = await open('to-face-auth');
    ok(await post(`${to}/switch-to-face-auth`, {}, as(sup)));
    expect(ok(await get(`/api/cards/${c.id}`)).pins.auth.set).toBe(false);
    const from = await open('from-face-auth');
    bad(
      await post(`${from}/switch-from-face-auth`, { pins: { auth: '1111' } }, as(sup)),
      400,
      'INVALID_ARGUMENT',
    );
    const back = ok(
      await post(
        `${from}/switch-from-face-auth`,
        { pins: { auth: '1111', kenhojo: '2222', juki: '3333', sign: 'BACK2026' } },
        as(sup),
      ),
    );
    expect(back.certificates.map((x: { kind: string }) => x.kind)).toEqual(['sign']);
    expect(ok(await get(`/api/cards/${c.id}`)).pins.sign).toMatchObject({ set: true, triesLeft: 5 });
  });
});

describe('OpenAPI', () => {
  it('documents the reset routes', async () => {
    const spec = (await get('/openapi.json')).json();
    for (const p of [
      '/api/phone/reservations',
      '/api/phone/reservations/{cardId}/{pin}',
      '/api/kiosks/{kioskId}/actions',
      '/api/counter/procedures/{id}/reset-pins',
      '/api/residents/{id}/mailbox',
      '/api/lost-card',
      '/api/cards/{id}/timeline',
    ])
      expect(spec.paths).toHaveProperty([p]);
  });
});
