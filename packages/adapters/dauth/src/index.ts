/** @myna/dauth — the デジタル認証アプリ provider (issue 10). */
export {};
