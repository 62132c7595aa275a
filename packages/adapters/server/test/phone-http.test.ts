import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bad, injector, ok } from './inject.js';

/**
 * スマホ用電子証明書 over HTTP (docs/phone.md, docs/api.md): issue from a card, lock the phone's
 * user-auth password by wrong RP logins, reset it in the マイナポータル app, log in; wrong types
 * and unknown ids get catalog errors and change nothing.
 */
let s: SandboxServer;
let key: string;
let otherKey: string;
const { post, get } = injector(
  () => s,
  () => key,
);

const PHONE = { auth: '9876', sign: 'PHONE123' };
let cardId: string;

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(6) });
  key = s.defaultSandbox.apiKey;
  otherKey = ok(await post('/api/sandboxes', { name: 'other' }, {}), 201).apiKey;
  cardId = ok(await post('/api/cards', {}), 201).id;
});
afterAll(() => s.close());

describe('smartphone certificates over HTTP', () => {
  it('issue → lock by wrong logins → reset in the app → login, with the timeline', async () => {
    const issued = ok(
      await post(`/api/cards/${cardId}/phones`, {
        platform: 'android',
        cardSignPin: 'ABC123',
        phonePins: PHONE,
      }),
      201,
    );
    const id = issued.phone.id as string;
    expect(issued.pins.auth).toEqual({ set: true, triesLeft: 3, maxTries: 3, blocked: false });
    expect(issued.usable).toBe(true);
    expect(JSON.stringify(issued)).not.toContain(PHONE.sign);
    expect(
      ok(await get(`/api/cards/${cardId}/phones`)).map((p: { phone: { id: string } }) => p.phone.id),
    ).toEqual([id]);

    bad(await post(`/api/phones/${id}/rp-login`, { authPin: '0000' }), 401, 'PIN_WRONG');
    bad(await post(`/api/phones/${id}/rp-login`, { authPin: '0000' }), 401, 'PIN_WRONG');
    bad(await post(`/api/phones/${id}/rp-login`, { authPin: '0000' }), 409, 'PIN_LAST_TRY');
    bad(
      await post(`/api/phones/${id}/rp-login`, { authPin: '0000', confirmLastTry: true }),
      423,
      'PIN_BLOCKED',
    );
    expect(ok(await get(`/api/phones/${id}`)).pins.auth.blocked).toBe(true);
    const advice = ok(await post(`/api/phones/${id}/diagnosis`, {}));
    expect(advice.route).toBe('myna-portal-reset');
    expect(advice.steps.map((x: { id: string }) => x.id)).toEqual(['step.phone.reset.auth']);
    bad(await post(`/api/phones/${id}/diagnosis`, { remembers: { auth: 'no' } }), 400, 'INVALID_ARGUMENT');
    // The card's own user-auth PIN is untouched.
    expect(ok(await get(`/api/cards/${cardId}`)).pins.auth.triesLeft).toBe(3);

    const reset = ok(
      await post(`/api/phones/${id}/reset`, { pin: 'auth', phoneSignPin: PHONE.sign, newValue: '1357' }),
    );
    expect(reset.pins.auth.triesLeft).toBe(3);
    const login = ok(await post(`/api/phones/${id}/rp-login`, { authPin: '1357' }));
    expect(login.token).toBe('JPKIAPGPSETOKEN');

    const events = ok(await get(`/api/phones/${id}/events`)) as { type: string; terminal: string }[];
    expect(events.some((e) => e.type === 'pin.blocked' && e.terminal === 'rp-demo:phone')).toBe(true);
    expect(events.some((e) => e.type === 'pin.reset' && e.terminal === 'app:myna-portal')).toBe(true);

    const revoked = ok(await post(`/api/phones/${id}/revoke`, {}));
    expect(revoked.phone.status).toBe('revoked');
    expect(revoked.usable).toBe(false);
  });

  it('wrong types and unknown ids: catalog errors, nothing spent', async () => {
    const before = ok(await get(`/api/cards/${cardId}`)).pins.sign.triesLeft;
    bad(
      await post(`/api/cards/${cardId}/phones`, {
        platform: 'nokia',
        cardSignPin: 'ABC123',
        phonePins: PHONE,
      }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(`/api/cards/${cardId}/phones`, { platform: 'android', cardSignPin: 123, phonePins: PHONE }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(`/api/cards/${cardId}/phones`, {
        platform: 'android',
        cardSignPin: 'ABC123',
        phonePins: { auth: '12', sign: PHONE.sign },
      }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await post(`/api/phones/phone-nope/reset`, {
        pin: 'sign',
        cardSignPin: 'ABC123',
        newValue: 'NEWPASS1',
      }),
      404,
      'PHONE_NOT_FOUND',
    );
    bad(
      await post(`/api/phones/phone-nope/reset`, { pin: 'auth', phoneSignPin: 'ABC123', newValue: 'abcd' }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(await get('/api/phones/phone-nope'), 404, 'PHONE_NOT_FOUND');
    bad(await get('/api/cards/card-nope/phones'), 404, 'CARD_NOT_FOUND');
    // Another sandbox does not see this card.
    bad(await get(`/api/cards/${cardId}/phones`, { 'x-api-key': otherKey }), 404, 'CARD_NOT_FOUND');
    expect(ok(await get(`/api/cards/${cardId}`)).pins.sign.triesLeft).toBe(before);
  });

  it('an under-15 card has no signature certificate: PHONE_PRECONDITION', async () => {
    const child = ok(await post('/api/cards', { kind: 'under-15' }), 201).id;
    const r = bad(
      await post(`/api/cards/${child}/phones`, {
        platform: 'android',
        cardSignPin: 'ABC123',
        phonePins: PHONE,
      }),
      409,
      'PHONE_PRECONDITION',
    );
    expect(r.details.reason).toBe('card-sign-certificate-invalid');
  });
});
