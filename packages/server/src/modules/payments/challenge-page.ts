const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * P3: the simulator's 3-D Secure page, as a bank's would look: the amount, the merchant's order, and
 * Approve / Decline. A plain HTML form that works without JavaScript.
 */
export function challengePage(chargeId: string, pending: { amount: number; orderNumber: string | null } | null): string {
  const body = pending
    ? `<p>訂單 Order <strong>${escapeHtml(pending.orderNumber ?? '')}</strong></p>
       <p class="amount">NT$ ${pending.amount.toLocaleString('en-US')}</p>
       <p>請確認這筆刷卡交易。Please confirm this card payment.</p>
       <form method="post" action="/payments/simulator/3ds/${encodeURIComponent(chargeId)}">
         <button type="submit" name="answer" value="approve" class="approve">核准 Approve</button>
         <button type="submit" name="answer" value="decline" class="decline">拒絕 Decline</button>
       </form>`
    : `<p>這筆 3-D 驗證已完成或不存在。This 3-D Secure step is over or does not exist.</p>`;
  return `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>3-D 驗證 (模擬) · 3-D Secure (simulator)</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
  .amount { font-size: 2rem; font-weight: 700; }
  form { display: flex; gap: 1rem; margin-top: 2rem; }
  button { flex: 1; font-size: 1.1rem; padding: 0.9rem; border-radius: 0.5rem; border: 0; cursor: pointer; }
  .approve { background: #1b7f3a; color: #fff; }
  .decline { background: #e6e6e6; color: #1a1a1a; }
  button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
</style>
</head>
<body>
<h1>3-D 驗證（模擬銀行）<br><small>3-D Secure (simulated bank)</small></h1>
${body}
</body>
</html>`;
}
