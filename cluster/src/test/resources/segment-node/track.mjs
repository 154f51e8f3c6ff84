// Drives the real @segment/analytics-node SDK against a Limbic node:
// node track.mjs <host> <writeKey> <userId> <anonymousId>. A purchase before sign-up (anonymous), an alias that
// hands it to the user, an identify with an e-mail, a purchase sent twice under one messageId (a retry) and another
// once, then a page, a screen and a group call. Prints every HTTP status; exits 1 on any error or non-200.
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, userId, anonymousId] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, path: '/segment/v1/batch', flushAt: 2, flushInterval: 50, maxRetries: 0 });
let failed = false;
analytics.on('error', (err) => {
  failed = true;
  console.error('analytics-node error:', err && (err.code || err.reason || err.message || err));
});
analytics.on('http_response', (res) => {
  console.log('HTTP', res.status, res.url);
  if (res.status !== 200) failed = true;
});

const order = (revenue) => ({ event: 'Order Completed', properties: { revenue, currency: 'EUR' } });
analytics.track({ anonymousId, ...order(3) });
analytics.alias({ previousId: anonymousId, userId });
analytics.identify({ userId, traits: { email: 'ana@globex.example', plan: 'pro' } });
const retried = 'node-next-1767261600000-6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
analytics.track({ userId, messageId: retried, ...order(5) });
analytics.track({ userId, messageId: retried, ...order(5) });
analytics.track({ userId, ...order(2) });
analytics.page({ userId, name: 'Pricing', properties: { url: 'https://shop.acme.example/pricing' } });
analytics.screen({ userId, name: 'Home' });
analytics.group({ userId, groupId: 'globex', traits: { name: 'Globex' } });
await analytics.closeAndFlush({ timeout: 60000 });
process.exit(failed ? 1 : 0);
