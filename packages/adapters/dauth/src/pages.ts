/** The provider's own HTML: the error page and the desktop hand-off page (Japanese first, English beside it). */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const shell = (title: string, body: string, script = '') => `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
.en{color:#555}a.button{display:inline-block;padding:.6rem 1rem;background:#1c7ed6;color:#fff;border-radius:6px;text-decoration:none}
code{word-break:break-all}</style></head><body>${body}${script}</body></html>`;

export function errorPage(status: number, error: string, description: string): string {
  return shell(
    'エラー / Error',
    `<h1>エラーが発生しました <span class="en">/ An error occurred</span></h1>
<p>リクエストを処理できませんでした。<span class="en">The request could not be processed.</span></p>
<p data-testid="dauth-error"><code>${esc(String(status))} ${esc(error)}</code>${description ? `: <code>${esc(description)}</code>` : ''}</p>`,
  );
}

/** Desktop browsers: the link (and QR code, when the console draws one) to open on the phone; polls, then continues. */
export function handoffPage(o: {
  appUrl: string;
  statusUrl: string;
  continueUrl: string;
  clientName: string;
}): string {
  return shell(
    'デジタル認証アプリ / Digital Authentication App',
    `<h1>スマートフォンで認証してください <span class="en">/ Continue on your phone</span></h1>
<p>${esc(o.clientName)} がマイナンバーカードでの本人確認を求めています。<br>
<span class="en">${esc(o.clientName)} asks you to confirm your identity with your My Number Card.</span></p>
<p>スマートフォンでデジタル認証アプリを開いてください（サンドボックスではこのリンク）：<br>
<span class="en">Open the Digital Authentication App on your phone (in the sandbox, this link):</span></p>
<p><a class="button" data-testid="dauth-app-link" href="${esc(o.appUrl)}" target="_blank" rel="noopener">デジタル認証アプリを開く / Open the app</a></p>
<p><code>${esc(o.appUrl)}</code></p>
<p id="state" role="status">待機中… <span class="en">Waiting…</span></p>`,
    `<script>
const statusUrl=${JSON.stringify(o.statusUrl)},continueUrl=${JSON.stringify(o.continueUrl)};
async function poll(){try{const r=await fetch(statusUrl,{cache:'no-store'});const j=await r.json();
if(j.state!=='pending'){location.href=continueUrl;return}}catch(e){}setTimeout(poll,1000)}
setTimeout(poll,1000);
</script>`,
  );
}

/** Mobile browsers go straight to the app (the console page). */
export function isMobile(userAgent: string | undefined): boolean {
  return /Mobile|Android|iPhone|iPad/.test(userAgent ?? '');
}
