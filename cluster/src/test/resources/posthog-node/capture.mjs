// Drives the real posthog-node SDK against a Limbic node: node capture.mjs <host> <api_key> <userId> <anonId>.
// An anonymous purchase under <anonId> handed to the user by an alias; identifies the user, captures one purchase twice under the same uuid (a retry) and another once, then flushes.
import { PostHog } from 'posthog-node';

const [host, apiKey, userId, anonId] = process.argv.slice(2);
const client = new PostHog(apiKey, { host, flushAt: 20, flushInterval: 0, fetchRetryCount: 0 });
let failed = false;
client.on('error', (err) => {
  failed = true;
  console.error('posthog-node error:', err && (err.status || err.message || err));
});

client.capture({ distinctId: anonId, event: 'purchase', properties: { amount: 3, currency: 'EUR', $is_identified: false } });
client.alias({ distinctId: userId, alias: anonId });
client.identify({ distinctId: userId, properties: { email: 'ana@globex.example', plan: 'pro' } });
const retried = '0190c3a8-7a5e-7cc1-9b3e-6c1f2a9d0e01';
client.capture({ distinctId: userId, event: 'purchase', uuid: retried, properties: { amount: 5, currency: 'EUR' } });
client.capture({ distinctId: userId, event: 'purchase', uuid: retried, properties: { amount: 5, currency: 'EUR' } });
client.capture({ distinctId: userId, event: 'purchase', properties: { amount: 2, currency: 'EUR' } });
client.capture({ distinctId: userId, event: 'Signed Up' });
await client.flush();
await client.shutdown();
process.exit(failed ? 1 : 0);
