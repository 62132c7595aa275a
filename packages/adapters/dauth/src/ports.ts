/**
 * What the provider needs from the store (implemented by `SqlDauthStore` of @myna/store on
 * SQLite and PostgreSQL, which imports these types; @myna/dauth does not depend on the store).
 */
export interface DauthModelRow {
  readonly payload: Record<string, unknown>;
  readonly consumedAtMs: number | null;
  readonly expiresAtMs: number | null;
}

export interface DauthClientRow {
  readonly clientId: string;
  readonly metadata: Record<string, unknown>;
  readonly createdAt: string;
}

export interface DauthStore {
  upsertModel(
    sandboxId: string,
    model: string,
    id: string,
    payload: Record<string, unknown>,
    expiresAtMs: number | null,
    index?: { grantId?: string; uid?: string; userCode?: string },
  ): Promise<void>;
  findModel(sandboxId: string, model: string, id: string): Promise<DauthModelRow | undefined>;
  findModelBy(
    sandboxId: string,
    model: string,
    by: 'uid' | 'userCode',
    value: string,
  ): Promise<DauthModelRow | undefined>;
  listModels(sandboxId: string, model: string): Promise<DauthModelRow[]>;
  consumeModel(sandboxId: string, model: string, id: string): Promise<boolean>;
  destroyModel(sandboxId: string, model: string, id: string): Promise<void>;
  revokeByGrantId(sandboxId: string, grantId: string): Promise<void>;
  addClient(
    sandboxId: string,
    clientId: string,
    metadata: Record<string, unknown>,
    at: string,
  ): Promise<boolean>;
  client(sandboxId: string, clientId: string): Promise<DauthClientRow | undefined>;
  listClients(sandboxId: string): Promise<DauthClientRow[]>;
  deleteClient(sandboxId: string, clientId: string): Promise<boolean>;
  secrets(sandboxId: string, create: () => Promise<string>): Promise<string>;
}
