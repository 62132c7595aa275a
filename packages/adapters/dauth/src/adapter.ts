/// <reference path="./oidc-provider.d.ts" />
import { errors } from 'oidc-provider';
import type { DauthStore } from './ports.js';

/**
 * oidc-provider's Adapter over the store: one row per artefact (JSON payload, expiry, the grantId,
 * uid and userCode indexes), so several server instances serve one provider. `Client` reads the
 * clients registered through the sandbox's API.
 */
export function storeAdapter(store: DauthStore, sandboxId: string) {
  return class StoreAdapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      const exp = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
      const index = {
        ...(typeof payload.grantId === 'string' ? { grantId: payload.grantId } : {}),
        ...(typeof payload.uid === 'string' ? { uid: payload.uid } : {}),
        ...(typeof payload.userCode === 'string' ? { userCode: payload.userCode } : {}),
      };
      await store.upsertModel(sandboxId, this.model, id, payload, exp, index);
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      if (this.model === 'Client') return (await store.client(sandboxId, id))?.metadata;
      return withConsumed(await store.findModel(sandboxId, this.model, id));
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      return withConsumed(await store.findModelBy(sandboxId, this.model, 'uid', uid));
    }

    async findByUserCode(code: string): Promise<Record<string, unknown> | undefined> {
      return withConsumed(await store.findModelBy(sandboxId, this.model, 'userCode', code));
    }

    /** Atomic across instances: of two concurrent exchanges of one code, only one consumes it. */
    async consume(id: string): Promise<void> {
      if (!(await store.consumeModel(sandboxId, this.model, id)))
        throw new errors.InvalidGrant('grant request is invalid');
    }

    async destroy(id: string): Promise<void> {
      await store.destroyModel(sandboxId, this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await store.revokeByGrantId(sandboxId, grantId);
    }
  };
}

function withConsumed(
  r: { payload: Record<string, unknown>; consumedAtMs: number | null } | undefined,
): Record<string, unknown> | undefined {
  if (!r) return undefined;
  return r.consumedAtMs === null ? r.payload : { ...r.payload, consumed: Math.floor(r.consumedAtMs / 1000) };
}
