/**
 * Generated from docs/reference/openapi.json by openapi-typescript (npm run docs:web-client).
 * Do not edit: change the server's route schemas, then run npm run docs:openapi.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health check / 稼働確認
         * @description No API key. 200 when the database answers (load balancers, `serve` scripts).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sandboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a sandbox / サンドボックスを作成
         * @description A new isolated world (residents, cards, reservations, clock). The API key is returned once. Without an API key a caller (by address) may create 10 an hour (429 SANDBOX_LIMIT beyond); with a valid one, any number.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            apiKey: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sandbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sandbox of this API key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sandbox time / サンドボックス時刻 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            now: string;
                            frozen: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Freeze, unfreeze, set, advance or reset sandbox time / 時刻を操作
         * @description `real-time` puts the sandbox back on real time (running, no offset). Sandbox time stays between one day before the sandbox was created and 20 years after real time (CLOCK_OUT_OF_RANGE otherwise, with the bounds): no card can be taken back to before the sandbox issued it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "freeze";
                        /** Format: date-time */
                        at?: string;
                    } | {
                        /** @enum {string} */
                        action: "unfreeze";
                    } | {
                        /** @enum {string} */
                        action: "set";
                        /** Format: date-time */
                        at: string;
                    } | {
                        /** @enum {string} */
                        action: "advance";
                        ms: number;
                    } | {
                        /**
                         * @description Back to real time: running, no offset
                         * @enum {string}
                         */
                        action: "real-time";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            now: string;
                            frozen: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List cards / カード一覧 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue a card / カードを発行
         * @description Registers a resident and issues a card through personalisation, in any state a test needs: PINs with some tries left or blocked, revoked or held certificates, under-15, face-auth, suspended. Counters are never poked afterwards.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kind?: "adult" | "under-15" | "face-auth";
                        holder?: {
                            name?: string;
                            address?: string;
                            /** Format: date */
                            birthDate?: string;
                            sex?: "1" | "2" | "9";
                            myNumber?: string;
                        };
                        pins?: {
                            /** @description 4 digits */
                            auth?: string;
                            sign?: string;
                            /** @description 4 digits */
                            kenhojo?: string;
                            /** @description 4 digits */
                            juki?: string;
                        };
                        /** @description Tries left at personalisation: a card with one try left, or blocked (0) */
                        initialTries?: {
                            auth?: number;
                            sign?: number;
                            kenhojo?: number;
                            juki?: number;
                            common?: number;
                        };
                        certificates?: {
                            auth?: "good" | "revoked" | "hold";
                            sign?: "good" | "revoked" | "hold";
                        };
                        /** @description Issue the card already suspended (lost-card line) */
                        suspended?: boolean;
                        /** @description ATR/protocol profile of the chip (docs/faithfulness.md): contact (default, 3B E0 00 FF 81 31 FE 45 14), contact-02…05 and contactless-06…09 (ATRs of real cards, OpenSC minidriver table), contact-t0 (a T=0 card: 61xx/GET RESPONSE, 6Cxx). Kept with the card. */
                        atr?: "contact" | "contact-02" | "contact-03" | "contact-04" | "contact-05" | "contactless-06" | "contactless-07" | "contactless-08" | "contactless-09" | "contact-t0";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            serial: string;
                            kind: string;
                            residentId: string;
                            issuedOn: string;
                            expiresOn: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Card status / カードの状態
         * @description Tries left of every PIN read from the chip through APDUs (status queries: no try spent), certificates, expiry.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            card: components["schemas"]["def-1"];
                            expired: boolean;
                            pins: {
                                auth: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                sign: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                kenhojo: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                juki: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                common: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                            };
                            chip: {
                                /** @description ATR/protocol profile of the chip (docs/faithfulness.md): contact (default, 3B E0 00 FF 81 31 FE 45 14), contact-02…05 and contactless-06…09 (ATRs of real cards, OpenSC minidriver table), contact-t0 (a T=0 card: 61xx/GET RESPONSE, 6Cxx). Kept with the card. */
                                atrProfile: "contact" | "contact-02" | "contact-03" | "contact-04" | "contact-05" | "contactless-06" | "contactless-07" | "contactless-08" | "contactless-09" | "contact-t0";
                                /** @description hex, upper case */
                                atr: string;
                                protocol: "T=0" | "T=1";
                            };
                            certificates: {
                                kind: "auth" | "sign";
                                serialHex: string;
                                status: "good" | "revoked" | "hold";
                                reason: string | null;
                                notAfter: string;
                                expired: boolean;
                                /** @description The CA generation that signed it (GET /api/authority/generations); null if none did */
                                generation: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Event log of a card / カードのイベント */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-2"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Event log of the sandbox / サンドボックスのイベント */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    card?: string;
                    limit?: number;
                    key?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-2"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live event stream (text/event-stream) / イベントのライブ配信
         * @description Server-Sent Events: `event: card-event`, `id: <seq>`, `data: <CardEvent JSON>`. Resume with `after` or Last-Event-ID.
         */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    card?: string;
                    limit?: number;
                    key?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/ocsp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OCSP responder (RFC 6960, POST) / OCSPレスポンダ
         * @description Body: a DER OCSPRequest (`content-type: application/ocsp-request`). Answers a signed OCSPResponse: good, revoked (with the reason; certificateHold for a suspended card) or unknown. No API key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/ocsp-request": unknown;
                };
            };
            responses: {
                /** @description DER OCSPResponse */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/ocsp-response": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/ocsp/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OCSP responder (RFC 6960 §A.1, GET) / OCSPレスポンダ
         * @description The path after /ocsp/ is the base64 DER OCSPRequest, URL-encoded. No API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                    /** @description base64 OCSPRequest */
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description DER OCSPResponse */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/ocsp-response": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/crl/{kind}.crl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Certificate revocation list / 失効リスト (CRL)
         * @description The DER CRL of the user-auth or signature CA (application/pkix-crl). No API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                    /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                    kind: "auth" | "sign";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description DER CertificateList */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pkix-crl": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/ca/{kind}.cer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CA certificate / 認証局証明書
         * @description The DER certificate of the user-auth or signature CA (application/pkix-cert), the trust anchor of the sandbox. No API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                    /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                    kind: "auth" | "sign";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description DER Certificate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pkix-cert": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/crl/{kind}/{generation}.crl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CRL of one CA generation / 世代ごとの失効リスト
         * @description The DER CRL signed by generation n, listing only the certificates it signed. 404 for a generation that does not exist. No API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                    /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                    kind: "auth" | "sign";
                    /** @description CA generation, 1 = the first */
                    generation: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description DER CertificateList */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pkix-crl": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/ca/{kind}/{generation}.cer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CA certificate of one generation / 世代ごとの認証局証明書
         * @description The DER certificate of generation n. Certificates issued before a roll-over keep chaining to their own generation: a relying party trusts every generation in use. No API key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The sandbox id */
                    sandbox: string;
                    /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                    kind: "auth" | "sign";
                    /** @description CA generation, 1 = the first */
                    generation: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description DER Certificate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pkix-cert": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/authority/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CA generations / 認証局の世代
         * @description Every generation of both hierarchies, oldest first: which one issues now, how many certificates each signed, and where its certificate and CRL are published. The relying party view: trust all of them.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-3"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/authority/{kind}/rollover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll the CA over to a new generation / 認証局の世代交代
         * @description A new key and self-signed CA certificate under the same DN, valid ten years from the sandbox clock (as J-LIS did in 2019 and 2023). New certificates are issued by it; earlier ones keep chaining to their generation until renewed, and each generation keeps its CRL and OCSP answers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                    kind: "auth" | "sign";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
                            kind: "auth" | "sign";
                            /** @description CA generation, 1 = the first */
                            generation: number;
                            /** @description New certificates are issued by this generation */
                            current: boolean;
                            /** @description The CA certificate serial (1 for the first, 4 bytes after) */
                            serialHex: string;
                            /** @description One DN for every generation, as J-LIS */
                            subject: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** Format: date-time */
                            notAfter: string;
                            /** @description subjectKeyIdentifier; issued certificates carry it as AKI keyid */
                            keyIdHex: string;
                            /** @description Certificates on record signed by it */
                            certificates: number;
                            certificatePem: string;
                            /** @description Public URL path of its certificate */
                            caUrl: string;
                            /** @description Public URL path of its CRL */
                            crlUrl: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phone/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve a PIN reset in the JPKI PIN-reset app / 初期化の予約
         * @description The app’s steps: card face → IC chip (照合番号B) → preconditions (card active, certificates good) → the other PIN (a real VERIFY: a wrong one spends a try) → face match → a reservation valid 24 hours from the face match, to be completed at a kiosk. A new reservation replaces the active one for the same card and PIN. Available around the clock.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId: string;
                        /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                        pin: "sign" | "auth";
                        /** @description The other PIN (the user-auth PIN to reset the signature password, the signature password to reset the user-auth PIN): a real VERIFY on the card */
                        otherPin: string;
                        /** @description What the phone photographed on the card face (照合番号B). Default: the card's printed face (the holder photographs their own card) */
                        cardFace?: {
                            /** Format: date */
                            birthDate: string;
                            /** Format: date */
                            expiry: string;
                            securityCode: string;
                        };
                        /** @description Who faces the camera: 'holder' matches the face photo on the chip (the sandbox derives the selfie deterministically), 'someone-else' does not */
                        selfie: "holder" | "someone-else";
                        /** @description Make the face match fail */
                        forceFaceMismatch?: boolean;
                        /** @description Spend the other PIN's last try (PIN_LAST_TRY otherwise) */
                        confirmLastTry?: boolean;
                        /** @description Appended to the terminal label */
                        device?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reservation: {
                                id: string;
                                cardId: string;
                                /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                                pin: "sign" | "auth";
                                status: "active" | "used" | "cancelled" | "replaced" | "expired";
                                /** @description ISO 8601 (UTC) */
                                faceMatchedAt: string;
                                /** @description faceMatchedAt + 24 hours; usable while now < expiresAt */
                                expiresAt: string;
                                /** @description Active but 24 hours old or older by sandbox time */
                                expired: boolean;
                                terminal: string;
                                /** @description ISO 8601 (UTC) */
                                createdAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            replaced: {
                                id: string;
                                cardId: string;
                                /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                                pin: "sign" | "auth";
                                status: "active" | "used" | "cancelled" | "replaced" | "expired";
                                /** @description ISO 8601 (UTC) */
                                faceMatchedAt: string;
                                /** @description faceMatchedAt + 24 hours; usable while now < expiresAt */
                                expiresAt: string;
                                /** @description Active but 24 hours old or older by sandbox time */
                                expired: boolean;
                                terminal: string;
                                /** @description ISO 8601 (UTC) */
                                createdAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phone/reservations/{cardId}/{pin}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel a reservation in the app / 予約の取消し */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cardId: string;
                    /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                    pin: "sign" | "auth";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            cardId: string;
                            /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                            pin: "sign" | "auth";
                            status: "active" | "used" | "cancelled" | "replaced" | "expired";
                            /** @description ISO 8601 (UTC) */
                            faceMatchedAt: string;
                            /** @description faceMatchedAt + 24 hours; usable while now < expiresAt */
                            expiresAt: string;
                            /** @description Active but 24 hours old or older by sandbox time */
                            expired: boolean;
                            terminal: string;
                            /** @description ISO 8601 (UTC) */
                            createdAt: string;
                            /** @description ISO 8601 (UTC) */
                            updatedAt: string;
                            closedAt: string | null;
                            closedBy: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reservations of a card / カードの初期化予約 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            cardId: string;
                            /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                            pin: "sign" | "auth";
                            status: "active" | "used" | "cancelled" | "replaced" | "expired";
                            /** @description ISO 8601 (UTC) */
                            faceMatchedAt: string;
                            /** @description faceMatchedAt + 24 hours; usable while now < expiresAt */
                            expiresAt: string;
                            /** @description Active but 24 hours old or older by sandbox time */
                            expired: boolean;
                            terminal: string;
                            /** @description ISO 8601 (UTC) */
                            createdAt: string;
                            /** @description ISO 8601 (UTC) */
                            updatedAt: string;
                            closedAt: string | null;
                            closedBy: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lost-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a lost card (0120-95-0178) / 紛失・盗難の届出
         * @description Any hour: the card is suspended (一時利用停止), every good certificate goes on hold (OCSP: revoked / certificateHold), pending reservations are cancelled. Again for a suspended card changes nothing. Only the counter lifts it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId: string;
                        reason?: "lost" | "stolen";
                        caller?: "holder" | "family" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cardId: string;
                            onHold: {
                                kind: string;
                                serialHex: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PIN events and procedure steps of a card / タイムライン
         * @description The card’s own PIN events and every step of the app, kiosk, counter, authority and lost-card line, ordered by sandbox time. Never a PIN, password, answer code or My Number.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kind: "pin" | "procedure";
                            /** @description pin.* (from the card) or procedure.<channel>.step */
                            type: string;
                            /** @description ISO 8601 (UTC) */
                            at: string;
                            terminal: string;
                            pin?: string;
                            triesLeft?: number;
                            maxTries?: number;
                            target?: string;
                            actor?: string;
                            step?: string;
                            outcome?: string;
                            procedureId?: string;
                            code?: string;
                            details?: {
                                [key: string]: string | number | boolean | (never | null);
                            };
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/residents/{id}/mailbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's mailbox (sandbox) / 郵便受け
         * @description Letters the counter mailed to the resident’s registered address, as the holder reads them: the 照会書兼回答書 with its answer code, for a voluntary agent’s second visit. Sandbox only.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            kind: "inquiry-and-answer";
                            procedureId: string;
                            cardId: string;
                            addressee: string;
                            address: string;
                            doNotForward: boolean;
                            /** @description ISO 8601 (UTC) */
                            mailedAt: string;
                            /** @description The code the holder writes on the answer (XXXX-XXXX) */
                            answerCode: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/store-chains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Store chains with a PIN-reset kiosk / 対応店舗 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            nameJa: string;
                            nameEn: string;
                            resets: ("sign" | "auth")[];
                            someStoresOnly: boolean;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kiosks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Walk up to a store’s kiosk / キオスク端末
         * @description A kiosk at a store of a chain (terminal `kiosk:<chain>:<store>`), on K1. Kiosk sessions are kept in the database (any instance serves any step) and are forgotten after 30 minutes without an action.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description seven-eleven (セブン-イレブン), aeon (イオン・イオンスタイル), fuji (フジ), lawson (ローソン), familymart (ファミリーマート), ministop (ミニストップ), daiei (ダイエー) */
                        chain: "seven-eleven" | "aeon" | "fuji" | "lawson" | "familymart" | "ministop" | "daiei";
                        storeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kioskId: string;
                            chain: {
                                id: string;
                                nameJa: string;
                                nameEn: string;
                                resets: ("sign" | "auth")[];
                            };
                            storeId: string;
                            terminal: string;
                            /** @description The PINs this store resets */
                            offers: ("sign" | "auth")[];
                            hours: {
                                open: string;
                                close: string;
                                /** @enum {string} */
                                timeZone: "Asia/Tokyo";
                            };
                            /** @description Sandbox time */
                            now: string;
                            /** @description Within 06:30–23:00 JST by sandbox time */
                            inService: boolean;
                            screen: {
                                id: "K1" | "K2" | "K3" | "K4" | "K5" | "K6" | "K7" | "ERROR";
                                menu: "services" | "pin-type" | (never | null);
                                title: {
                                    ja: string;
                                    en: string;
                                };
                                body: {
                                    ja: string;
                                    en: string;
                                };
                                pin: ("sign" | "auth") | (never | null);
                                card: "none" | "inserted" | "returned";
                                error: {
                                    /** @description E1–E7, or E0 for anything else */
                                    id: string;
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                notice: {
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                feeYen: number;
                                actions: string[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kiosks/{kioskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kiosk’s screen / 画面 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kioskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kioskId: string;
                            chain: {
                                id: string;
                                nameJa: string;
                                nameEn: string;
                                resets: ("sign" | "auth")[];
                            };
                            storeId: string;
                            terminal: string;
                            /** @description The PINs this store resets */
                            offers: ("sign" | "auth")[];
                            hours: {
                                open: string;
                                close: string;
                                /** @enum {string} */
                                timeZone: "Asia/Tokyo";
                            };
                            /** @description Sandbox time */
                            now: string;
                            /** @description Within 06:30–23:00 JST by sandbox time */
                            inService: boolean;
                            screen: {
                                id: "K1" | "K2" | "K3" | "K4" | "K5" | "K6" | "K7" | "ERROR";
                                menu: "services" | "pin-type" | (never | null);
                                title: {
                                    ja: string;
                                    en: string;
                                };
                                body: {
                                    ja: string;
                                    en: string;
                                };
                                pin: ("sign" | "auth") | (never | null);
                                card: "none" | "inserted" | "returned";
                                error: {
                                    /** @description E1–E7, or E0 for anything else */
                                    id: string;
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                notice: {
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                feeYen: number;
                                actions: string[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kiosks/{kioskId}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Touch the kiosk screen / 画面操作
         * @description One step ①–⑧. The answer is the kiosk with its new screen: K1–K7, or an error screen E1–E7 (E0 otherwise) with its Japanese and English text — still 200, as on the machine. A notice (last try, format, entries that differ) keeps the screen. PIN values are never echoed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kioskId: string;
                };
                cookie?: never;
            };
            /** @description One touch on the kiosk screen */
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "administrative-services";
                    } | {
                        /** @enum {string} */
                        action: "password-reset";
                    } | {
                        /** @enum {string} */
                        action: "choose-pin";
                        /** @description 'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード) */
                        pin: "sign" | "auth";
                    } | {
                        /** @enum {string} */
                        action: "agree";
                    } | {
                        /** @enum {string} */
                        action: "place-card";
                        cardId: string;
                    } | {
                        /** @enum {string} */
                        action: "other-pin";
                        /** @description Never echoed or logged */
                        value: string;
                        confirmLastTry?: boolean;
                    } | {
                        /** @enum {string} */
                        action: "new-pin";
                        /** @description Never echoed or logged */
                        value: string;
                        /** @description Never echoed or logged */
                        confirmation: string;
                    } | {
                        /** @enum {string} */
                        action: "remove-card";
                    } | {
                        /** @enum {string} */
                        action: "home";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kioskId: string;
                            chain: {
                                id: string;
                                nameJa: string;
                                nameEn: string;
                                resets: ("sign" | "auth")[];
                            };
                            storeId: string;
                            terminal: string;
                            /** @description The PINs this store resets */
                            offers: ("sign" | "auth")[];
                            hours: {
                                open: string;
                                close: string;
                                /** @enum {string} */
                                timeZone: "Asia/Tokyo";
                            };
                            /** @description Sandbox time */
                            now: string;
                            /** @description Within 06:30–23:00 JST by sandbox time */
                            inService: boolean;
                            screen: {
                                id: "K1" | "K2" | "K3" | "K4" | "K5" | "K6" | "K7" | "ERROR";
                                menu: "services" | "pin-type" | (never | null);
                                title: {
                                    ja: string;
                                    en: string;
                                };
                                body: {
                                    ja: string;
                                    en: string;
                                };
                                pin: ("sign" | "auth") | (never | null);
                                card: "none" | "inserted" | "returned";
                                error: {
                                    /** @description E1–E7, or E0 for anything else */
                                    id: string;
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                notice: {
                                    code: string;
                                    details: {
                                        [key: string]: string | number | boolean | (never | null);
                                    };
                                    ja: string;
                                    en: string;
                                } | null;
                                feeYen: number;
                                actions: string[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipal counter / 市区町村窓口 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            municipalityCode: string;
                            nameJa: string;
                            nameEn: string;
                            officeHours: {
                                weekdays: number[];
                                open: string;
                                close: string;
                            };
                            photoIdRequired: boolean;
                            /** @description Taking procedures now (sandbox time) */
                            open: boolean;
                            /** @description ISO 8601 (UTC) */
                            now: string;
                            /** @description 0: the first account needs no login */
                            staffAccounts: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a staff account / 職員アカウントの作成
         * @description The municipality’s first account needs no login and must be a supervisor; afterwards only a supervisor (x-counter-session) creates accounts. Passwords: at least 10 characters, stored as scrypt.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 3–32 of a–z 0–9 . _ - */
                        id: string;
                        name: string;
                        role: "clerk" | "supervisor";
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            role: "clerk" | "supervisor";
                            municipalityCode: string;
                            /** @description ISO 8601 (UTC) */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Staff login at a window / 職員ログイン
         * @description Any hour. Returns the session token once: send it as x-counter-session. It lasts 8 hours; only its hash is stored. Wrong id or password: STAFF_LOGIN_FAILED alike.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id: string;
                        password: string;
                        /** @description The counter window (窓口番号) */
                        window?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            session: {
                                staffId: string;
                                name: string;
                                role: "clerk" | "supervisor";
                                municipalityCode: string;
                                window: string;
                                /** @description counter:<municipality>:<window>, the window’s card reader */
                                terminal: string;
                                /** @description ISO 8601 (UTC) */
                                expiresAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current staff login / ログイン中の職員 */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: string;
                            name: string;
                            role: "clerk" | "supervisor";
                            municipalityCode: string;
                            window: string;
                            /** @description counter:<municipality>:<window>, the window’s card reader */
                            terminal: string;
                            /** @description ISO 8601 (UTC) */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Staff logout / ログアウト */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a procedure for a card / 手続の受付
         * @description Kinds: pin-reset (pins: any holder PINs), pin-change (one PIN), lift-suspension, to-face-auth, from-face-auth, sign-certificate. A suspended card admits only lift-suspension; a voluntary agent only pin-reset. Office hours only (COUNTER_CLOSED).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId: string;
                        kind: "pin-reset" | "pin-change" | "lift-suspension" | "to-face-auth" | "from-face-auth" | "sign-certificate";
                        applicant: {
                            role: "holder" | "legal-representative" | "voluntary-agent";
                            name?: string;
                        };
                        pins?: ("auth" | "sign" | "kenhojo" | "juki" | "common")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            cardId: string;
                            municipalityCode: string;
                            kind: string;
                            applicant: {
                                role: string;
                                name: string | null;
                            };
                            pins: string[];
                            status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                            /** @description Identity checks passed, by name */
                            checks: string[];
                            visits: number;
                            answerAttempts: number;
                            letterMailed: boolean;
                            /** @description The card holder as the register has them (as printed on the card) */
                            holder: {
                                residentId: string;
                                name: string;
                                birthDate: string;
                            };
                            openedBy: string;
                            /** @description ISO 8601 (UTC) */
                            openedAt: string;
                            /** @description ISO 8601 (UTC) */
                            updatedAt: string;
                            closedAt: string | null;
                            closedBy: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A procedure / 手続 */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            cardId: string;
                            municipalityCode: string;
                            kind: string;
                            applicant: {
                                role: string;
                                name: string | null;
                            };
                            pins: string[];
                            status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                            /** @description Identity checks passed, by name */
                            checks: string[];
                            visits: number;
                            answerAttempts: number;
                            letterMailed: boolean;
                            /** @description The card holder as the register has them (as printed on the card) */
                            holder: {
                                residentId: string;
                                name: string;
                                birthDate: string;
                            };
                            openedBy: string;
                            /** @description ISO 8601 (UTC) */
                            openedAt: string;
                            /** @description ISO 8601 (UTC) */
                            updatedAt: string;
                            closedAt: string | null;
                            closedBy: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm identity / 本人確認
         * @description Holder: the card’s face photo read from the chip against the person (selfie), plus a photo ID matching the register where required. Legal representative: proof of authority, their photo ID, the card read. Voluntary agent: their photo ID; the 照会書兼回答書 is mailed to the holder (status awaiting-answer).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description Holder in person: selfie (the person against the chip’s face photo) and a photo ID; legal representative: proof of authority and their photo ID; voluntary agent: their photo ID (the 照会書兼回答書 is mailed). */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Who faces the camera: 'holder' matches the face photo on the chip (the sandbox derives the selfie deterministically), 'someone-else' does not */
                        selfie?: "holder" | "someone-else";
                        forceFaceMismatch?: boolean;
                        /** @description An official photo ID shown at the counter: what it says */
                        photoId?: {
                            kind: "driver-license" | "passport" | "residence-card" | "other-official-photo-id";
                            name: string;
                            /** Format: date */
                            birthDate: string;
                        };
                        proofOfAuthority?: {
                            kind: "family-register" | "guardianship-registration";
                            holderName: string;
                            representativeName: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/second-visit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A voluntary agent’s second visit / 任意代理人の再来庁
         * @description Not on the day the letter was mailed. The agent’s photo ID, the card read, and the answer code from the 照会書兼回答書 (case, spaces and hyphens ignored; the third wrong code voids the procedure). The code is never echoed.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answerCode: string;
                        /** @description An official photo ID shown at the counter: what it says */
                        photoId: {
                            kind: "driver-license" | "passport" | "residence-card" | "other-official-photo-id";
                            name: string;
                            /** Format: date */
                            birthDate: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/reset-pins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset PINs / 暗証番号の初期化・再設定
         * @description New values for exactly the procedure’s PINs, each by its rule; no other PIN needed (the route for a holder who forgot every PIN). Performed by the authority through the window’s reader.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        pins: {
                            /** @description Never echoed or logged */
                            auth?: string;
                            /** @description Never echoed or logged */
                            sign?: string;
                            /** @description Never echoed or logged */
                            kenhojo?: string;
                            /** @description Never echoed or logged */
                            juki?: string;
                            /** @description Never echoed or logged */
                            common?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/change-pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a PIN / 暗証番号の変更
         * @description The holder enters the current and the new value (VERIFY + CHANGE REFERENCE DATA; a wrong current value spends a try and the procedure stays open).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Never echoed or logged */
                        current: string;
                        /** @description Never echoed or logged */
                        next: string;
                        confirmLastTry?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/lift-suspension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a suspension / 一時停止の解除
         * @description Supervisors only. The user-auth certificate is released; the signature certificate only if the holder enters the signature password (a real VERIFY).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Never echoed or logged */
                        signPin?: string;
                        confirmLastTry?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/switch-to-face-auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch to a face-authentication card / 顔認証カードへの切替
         * @description Every holder PIN erased, the signature key and certificate removed (revoked), reservations cancelled.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/switch-from-face-auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch back from a face-authentication card / 顔認証カードからの切替
         * @description New PINs set on the card; from the 15th birthday a signature password is required and a new signature certificate is issued.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        pins: {
                            /** @description Never echoed or logged */
                            auth: string;
                            /** @description Never echoed or logged */
                            kenhojo: string;
                            /** @description Never echoed or logged */
                            juki: string;
                            /** @description Never echoed or logged */
                            common?: string;
                            /** @description Never echoed or logged */
                            sign?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/issue-sign-certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new signature certificate / 署名用電子証明書の発行
         * @description A new key pair and certificate written to the card (e.g. after a change of address); the password is set to newSignPin or kept with a full counter.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Never echoed or logged */
                        newSignPin?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/counter/procedures/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a procedure / 手続の取消し
         * @description An unfinished procedure is cancelled.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The token from POST /api/counter/login (STAFF_LOGIN_FAILED without a current one) */
                    "x-counter-session"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            procedure: {
                                id: string;
                                cardId: string;
                                municipalityCode: string;
                                kind: string;
                                applicant: {
                                    role: string;
                                    name: string | null;
                                };
                                pins: string[];
                                status: "open" | "awaiting-answer" | "ready" | "completed" | "cancelled";
                                /** @description Identity checks passed, by name */
                                checks: string[];
                                visits: number;
                                answerAttempts: number;
                                letterMailed: boolean;
                                /** @description The card holder as the register has them (as printed on the card) */
                                holder: {
                                    residentId: string;
                                    name: string;
                                    birthDate: string;
                                };
                                openedBy: string;
                                /** @description ISO 8601 (UTC) */
                                openedAt: string;
                                /** @description ISO 8601 (UTC) */
                                updatedAt: string;
                                closedAt: string | null;
                                closedBy: string | null;
                            };
                            /** @description Certificates released from hold */
                            released?: string[];
                            /** @description Certificates issued */
                            certificates?: {
                                kind: string;
                                serialHex: string;
                                status: string;
                                notAfter: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}/diagnosis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Support guide: what to do / サポート診断
         * @description Diagnosis and ordered steps (kiosk with the reset app, the counter with what to bring, or change the PIN), with warnings, in Japanese and English. Spends no PIN try.
         */
        get: {
            parameters: {
                query?: {
                    /** @description comma-separated: sign,auth,kenhojo,juki */
                    forgot?: string;
                    /** @description comma-separated: sign,auth,kenhojo,juki */
                    remember?: string;
                    age?: number;
                    agent?: "self" | "legal" | "voluntary";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registration form of a mode / 登録フォーム */
        get: {
            parameters: {
                query: {
                    mode: "risky" | "safe";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register with the card / マイナンバーカードで登録
         * @description One registration attempt. Outcomes: registered, needs-input, confirm-last-try, pin-wrong, pin-locked, verification-failed, unavailable (with the support guide’s diagnosis in safe mode). PINs are never echoed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId: string;
                        mode: "risky" | "safe";
                        input: {
                            /** @enum {string} */
                            route: "four-digit";
                            authPin: string;
                            kenhojoPin?: string;
                            kenhojoSameAsAuth?: boolean;
                            confirmLastTry?: ("auth" | "sign" | "kenhojo")[];
                        } | {
                            /** @enum {string} */
                            route: "signature";
                            signPin: string;
                            confirmLastTry?: ("auth" | "sign" | "kenhojo")[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}/phones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A card's smartphone certificates / カードのスマホ用電子証明書 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-4"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue smartphone certificates (マイナポータル app) / スマホ用電子証明書の利用申請
         * @description The card's signature password is verified on the card (a real try); two new certificates on the phone's own keys, valid until the card's signature certificate ends; a phone issued before from this card is replaced.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        platform: "android" | "iphone";
                        cardSignPin: string;
                        phonePins: {
                            /** @description 4 digits */
                            auth: string;
                            sign: string;
                        };
                        confirmLastTry?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: {
                                id: string;
                                cardId: string;
                                platform: "android" | "iphone";
                                serial: string;
                                status: "active" | "revoked";
                                createdAt: string;
                                updatedAt: string;
                            };
                            pins: {
                                auth: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                sign: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                            };
                            certificates: {
                                kind: "auth" | "sign";
                                serialHex: string;
                                status: "good" | "revoked" | "hold";
                                reason: string | null;
                                notAfter: string;
                                expired: boolean;
                                notBefore: string;
                            }[];
                            /** @description The phone's user-auth certificate can log in now */
                            usable: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Smartphone certificate status / スマホ用電子証明書の状態
         * @description Tries left of the phone's two passwords (status queries on its element: no try spent).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: {
                                id: string;
                                cardId: string;
                                platform: "android" | "iphone";
                                serial: string;
                                status: "active" | "revoked";
                                createdAt: string;
                                updatedAt: string;
                            };
                            pins: {
                                auth: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                sign: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                            };
                            certificates: {
                                kind: "auth" | "sign";
                                serialHex: string;
                                status: "good" | "revoked" | "hold";
                                reason: string | null;
                                notAfter: string;
                                expired: boolean;
                                notBefore: string;
                            }[];
                            /** @description The phone's user-auth certificate can log in now */
                            usable: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Event log of a phone's element / スマホのイベント */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-2"][];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a phone password (マイナポータル app) / スマホ用電子証明書のパスワード初期化
         * @description Signature password: the card's signature password (a real card try) and the card. User-auth password: the phone's signature password (a real phone try) and the card. The card's own PINs are not reset here.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        pin: "sign";
                        cardSignPin: string;
                        newValue: string;
                    } | {
                        /** @enum {string} */
                        pin: "auth";
                        phoneSignPin: string;
                        /** @description 4 digits */
                        newValue: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: {
                                id: string;
                                cardId: string;
                                platform: "android" | "iphone";
                                serial: string;
                                status: "active" | "revoked";
                                createdAt: string;
                                updatedAt: string;
                            };
                            pins: {
                                auth: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                sign: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                            };
                            certificates: {
                                kind: "auth" | "sign";
                                serialHex: string;
                                status: "good" | "revoked" | "hold";
                                reason: string | null;
                                notAfter: string;
                                expired: boolean;
                                notBefore: string;
                            }[];
                            /** @description The phone's user-auth certificate can log in now */
                            usable: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop using the phone (失効) / スマホ用電子証明書の失効 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: {
                                id: string;
                                cardId: string;
                                platform: "android" | "iphone";
                                serial: string;
                                status: "active" | "revoked";
                                createdAt: string;
                                updatedAt: string;
                            };
                            pins: {
                                auth: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                                sign: {
                                    set: boolean;
                                    triesLeft: number;
                                    maxTries: number;
                                    blocked: boolean;
                                };
                            };
                            certificates: {
                                kind: "auth" | "sign";
                                serialHex: string;
                                status: "good" | "revoked" | "hold";
                                reason: string | null;
                                notAfter: string;
                                expired: boolean;
                                notBefore: string;
                            }[];
                            /** @description The phone's user-auth certificate can log in now */
                            usable: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}/diagnosis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Support guide for a phone / スマホ用電子証明書の相談
         * @description Where to go when a phone password is locked or forgotten (the マイナポータル app's reset, a new application, or the card first). Reads with status queries only: no try spent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        remembers?: {
                            auth?: boolean;
                            sign?: boolean;
                            cardSign?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            route: "myna-portal-reset" | "myna-portal-apply" | "card-first" | "none";
                            summary: {
                                id: string;
                                ja: string;
                                en: string;
                            };
                            findings: {
                                id: string;
                                ja: string;
                                en: string;
                            }[];
                            steps: {
                                id: string;
                                ja: string;
                                en: string;
                            }[];
                            warnings: {
                                id: string;
                                ja: string;
                                en: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/phones/{id}/rp-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in to the RP demo with the phone / スマホ用電子証明書でログイン
         * @description The phone's user-auth password (a real try on the phone), then the certificate (readable only after it on a phone) and the RP's signature, chain and OCSP checks.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 4 digits */
                        authPin: string;
                        confirmLastTry?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subject: string;
                            serialHex: string;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/api/sign-transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a sign transaction / 署名トランザクション開始
         * @description Bearer: a client-credentials access token. Body `{ digest: base64 (SHA-256, 32 bytes) or base64 DER DigestInfo, digest_type: "sha256" | "digestinfo", title? }`. Answers `{ sign_transaction_id, expires_at }`; errors are OAuth-style `{ error, error_description }`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sandbox: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{sandbox}/api/sign-transactions/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sign transaction result / 署名トランザクション結果取得
         * @description Bearer: the access token of the code flow that authorized this transaction. Answers `{ sign_transaction_id, status: "signed", result: <compact JWE> }`, encrypted to the client’s registered `use: enc` key (RSA-OAEP-256 or ECDH-ES, A256GCM); the JWE holds `{ signature, certificate, digest, digest_type, … }` (docs/dauth.md).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sandbox: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider of this sandbox / このサンドボックスのデジタル認証アプリ */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            issuer: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered relying parties / 登録済みクライアント */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientId: string;
                                metadata: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a relying party / 利用者（RP）クライアントを登録
         * @description The public JWKS of the RP: its private_key_jwt key(s) (`use: sig` or no `use`) and, for signing, an encryption key (`use: enc`) the sign result is encrypted to. The client_id is generated (RP + 16 hex) unless given.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        redirectUris: string[];
                        jwks: {
                            keys: ({
                                kty: string;
                                use?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                        name?: string;
                        clientId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            metadata: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One relying party / クライアント */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clientId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a relying party / クライアントを削除 */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clientId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending authorizations / 認証待ちのリクエスト */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                uid: string;
                                state: "pending" | "finished" | "expired";
                                purpose: "login" | "sign";
                                client: {
                                    clientId: string;
                                    name: string;
                                };
                                scopes: string[];
                                basicFour: ("name" | "address" | "birthdate" | "gender")[];
                                acrValues: string[];
                                signTransaction?: {
                                    id: string;
                                    digestType: "sha256" | "digestinfo";
                                    digestBase64: string;
                                    title?: string;
                                };
                                expiresAt: string;
                                card?: {
                                    cardId: string;
                                    pins: {
                                        auth?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        kenhojo?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        sign?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                    };
                                };
                                continueUrl: string;
                                outcome?: {
                                    /** @enum {string} */
                                    result: "success";
                                } | {
                                    /** @enum {string} */
                                    result: "error";
                                    error: string;
                                    errorDescription: string;
                                    reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                    pin?: "auth" | "kenhojo" | "sign";
                                    message: {
                                        ja: string;
                                        en: string;
                                    };
                                    supportGuide?: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/authorizations/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the relying party asks / 認証リクエストの内容 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            uid: string;
                            state: "pending" | "finished" | "expired";
                            purpose: "login" | "sign";
                            client: {
                                clientId: string;
                                name: string;
                            };
                            scopes: string[];
                            basicFour: ("name" | "address" | "birthdate" | "gender")[];
                            acrValues: string[];
                            signTransaction?: {
                                id: string;
                                digestType: "sha256" | "digestinfo";
                                digestBase64: string;
                                title?: string;
                            };
                            expiresAt: string;
                            card?: {
                                cardId: string;
                                pins: {
                                    auth?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                    kenhojo?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                    sign?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                };
                            };
                            continueUrl: string;
                            outcome?: {
                                /** @enum {string} */
                                result: "success";
                            } | {
                                /** @enum {string} */
                                result: "error";
                                error: string;
                                errorDescription: string;
                                reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                pin?: "auth" | "kenhojo" | "sign";
                                message: {
                                    ja: string;
                                    en: string;
                                };
                                supportGuide?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/authorizations/{uid}/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold a card to the phone / カードを読み取る
         * @description Chooses the virtual card; reads the needed PINs’ tries left with status queries (no try spent).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            uid: string;
                            state: "pending" | "finished" | "expired";
                            purpose: "login" | "sign";
                            client: {
                                clientId: string;
                                name: string;
                            };
                            scopes: string[];
                            basicFour: ("name" | "address" | "birthdate" | "gender")[];
                            acrValues: string[];
                            signTransaction?: {
                                id: string;
                                digestType: "sha256" | "digestinfo";
                                digestBase64: string;
                                title?: string;
                            };
                            expiresAt: string;
                            card?: {
                                cardId: string;
                                pins: {
                                    auth?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                    kenhojo?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                    sign?: {
                                        set: boolean;
                                        triesLeft: number;
                                        maxTries: number;
                                        blocked: boolean;
                                    };
                                };
                            };
                            continueUrl: string;
                            outcome?: {
                                /** @enum {string} */
                                result: "success";
                            } | {
                                /** @enum {string} */
                                result: "error";
                                error: string;
                                errorDescription: string;
                                reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                pin?: "auth" | "kenhojo" | "sign";
                                message: {
                                    ja: string;
                                    en: string;
                                };
                                supportGuide?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/authorizations/{uid}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Consent and enter the PIN / 同意して暗証番号を入力
         * @description Steps: needs-input, confirm-last-try, pin-wrong (a real try spent), finished (outcome; the starting browser goes to continueUrl). PINs go to the card as terminal app:digital-auth under the SDK’s safe policy; never echoed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cardId?: string;
                        authPin?: string;
                        kenhojoPin?: string;
                        kenhojoSameAsAuth?: boolean;
                        signPassword?: string;
                        confirmLastTry?: ("auth" | "kenhojo" | "sign")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorization: {
                                uid: string;
                                state: "pending" | "finished" | "expired";
                                purpose: "login" | "sign";
                                client: {
                                    clientId: string;
                                    name: string;
                                };
                                scopes: string[];
                                basicFour: ("name" | "address" | "birthdate" | "gender")[];
                                acrValues: string[];
                                signTransaction?: {
                                    id: string;
                                    digestType: "sha256" | "digestinfo";
                                    digestBase64: string;
                                    title?: string;
                                };
                                expiresAt: string;
                                card?: {
                                    cardId: string;
                                    pins: {
                                        auth?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        kenhojo?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        sign?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                    };
                                };
                                continueUrl: string;
                                outcome?: {
                                    /** @enum {string} */
                                    result: "success";
                                } | {
                                    /** @enum {string} */
                                    result: "error";
                                    error: string;
                                    errorDescription: string;
                                    reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                    pin?: "auth" | "kenhojo" | "sign";
                                    message: {
                                        ja: string;
                                        en: string;
                                    };
                                    supportGuide?: string;
                                };
                            };
                            step: "needs-input" | "confirm-last-try" | "pin-wrong" | "finished";
                            field?: "authPin" | "kenhojoPin" | "signPassword";
                            pin?: "auth" | "kenhojo" | "sign";
                            triesLeft?: number;
                            message: {
                                ja: string;
                                en: string;
                            };
                            outcome?: {
                                /** @enum {string} */
                                result: "success";
                            } | {
                                /** @enum {string} */
                                result: "error";
                                error: string;
                                errorDescription: string;
                                reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                pin?: "auth" | "kenhojo" | "sign";
                                message: {
                                    ja: string;
                                    en: string;
                                };
                                supportGuide?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dauth/authorizations/{uid}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel / キャンセル */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    uid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorization: {
                                uid: string;
                                state: "pending" | "finished" | "expired";
                                purpose: "login" | "sign";
                                client: {
                                    clientId: string;
                                    name: string;
                                };
                                scopes: string[];
                                basicFour: ("name" | "address" | "birthdate" | "gender")[];
                                acrValues: string[];
                                signTransaction?: {
                                    id: string;
                                    digestType: "sha256" | "digestinfo";
                                    digestBase64: string;
                                    title?: string;
                                };
                                expiresAt: string;
                                card?: {
                                    cardId: string;
                                    pins: {
                                        auth?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        kenhojo?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                        sign?: {
                                            set: boolean;
                                            triesLeft: number;
                                            maxTries: number;
                                            blocked: boolean;
                                        };
                                    };
                                };
                                continueUrl: string;
                                outcome?: {
                                    /** @enum {string} */
                                    result: "success";
                                } | {
                                    /** @enum {string} */
                                    result: "error";
                                    error: string;
                                    errorDescription: string;
                                    reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                    pin?: "auth" | "kenhojo" | "sign";
                                    message: {
                                        ja: string;
                                        en: string;
                                    };
                                    supportGuide?: string;
                                };
                            };
                            step: "needs-input" | "confirm-last-try" | "pin-wrong" | "finished";
                            field?: "authPin" | "kenhojoPin" | "signPassword";
                            pin?: "auth" | "kenhojo" | "sign";
                            triesLeft?: number;
                            message: {
                                ja: string;
                                en: string;
                            };
                            outcome?: {
                                /** @enum {string} */
                                result: "success";
                            } | {
                                /** @enum {string} */
                                result: "error";
                                error: string;
                                errorDescription: string;
                                reason: "cancelled" | "pin-locked" | "pin-not-set" | "no-signature-certificate" | "certificate-expired" | "certificate-revoked" | "certificate-suspended" | "certificate-invalid" | "card-expired" | "timeout";
                                pin?: "auth" | "kenhojo" | "sign";
                                message: {
                                    ja: string;
                                    en: string;
                                };
                                supportGuide?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Error */
        "def-0": {
            /** @description Stable code from the error catalog (docs/reference/errors.md) */
            code: string;
            message: string;
            messageJa: string;
            details: {
                [key: string]: string | number | boolean | (never | null);
            };
        };
        /** CardSummary */
        "def-1": {
            id: string;
            serial: string;
            kind: "adult" | "under-15" | "face-auth";
            status: "active" | "suspended" | "abolished";
            holder: string | null;
            issuedOn: string;
            expiresOn: string;
        };
        /** CardEvent */
        "def-2": {
            seq: number;
            type: string;
            cardId: string;
            pin?: string;
            triesLeft?: number;
            maxTries?: number;
            terminal: string;
            at: string;
        } & {
            [key: string]: unknown;
        };
        /** CaGeneration */
        "def-3": {
            /** @description 'auth' (利用者証明用) or 'sign' (署名用) */
            kind: "auth" | "sign";
            /** @description CA generation, 1 = the first */
            generation: number;
            /** @description New certificates are issued by this generation */
            current: boolean;
            /** @description The CA certificate serial (1 for the first, 4 bytes after) */
            serialHex: string;
            /** @description One DN for every generation, as J-LIS */
            subject: string;
            /** Format: date-time */
            notBefore: string;
            /** Format: date-time */
            notAfter: string;
            /** @description subjectKeyIdentifier; issued certificates carry it as AKI keyid */
            keyIdHex: string;
            /** @description Certificates on record signed by it */
            certificates: number;
            certificatePem: string;
            /** @description Public URL path of its certificate */
            caUrl: string;
            /** @description Public URL path of its CRL */
            crlUrl: string;
        };
        /** Phone */
        "def-4": {
            phone: {
                id: string;
                cardId: string;
                platform: "android" | "iphone";
                serial: string;
                status: "active" | "revoked";
                createdAt: string;
                updatedAt: string;
            };
            pins: {
                auth: {
                    set: boolean;
                    triesLeft: number;
                    maxTries: number;
                    blocked: boolean;
                };
                sign: {
                    set: boolean;
                    triesLeft: number;
                    maxTries: number;
                    blocked: boolean;
                };
            };
            certificates: {
                kind: "auth" | "sign";
                serialHex: string;
                status: "good" | "revoked" | "hold";
                reason: string | null;
                notAfter: string;
                expired: boolean;
                notBefore: string;
            }[];
            /** @description The phone's user-auth certificate can log in now */
            usable: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
