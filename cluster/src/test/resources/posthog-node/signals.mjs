// Sends, through the real posthog-node SDK, what posthog-js sends for a rage click: node signals.mjs <host> <api_key>
// <distinctId> <session> <lonelySession>. In <session>: three autocapture clicks on one button 300 ms apart and
// the $rageclick summary of the same burst (stamped with its third click, as posthog-js does). In <lonelySession>:
// a $rageclick and a $dead_click with no raw clicks at all.
import { PostHog } from 'posthog-node';

const [host, apiKey, distinctId, session, lonelySession] = process.argv.slice(2);
const client = new PostHog(apiKey, { host, flushAt: 20, flushInterval: 0, fetchRetryCount: 0 });
let failed = false;
client.on('error', (err) => {
  failed = true;
  console.error('posthog-node error:', err && (err.status || err.message || err));
});

const chain = 'button.buy:text="Buy"nth-child="1"nth-of-type="1"';
const start = Date.parse('2026-01-01T10:00:00.000Z');
const at = (ms) => new Date(start + ms);
const base = { $session_id: session, $current_url: 'https://shop.acme.example/cart', $is_identified: false };
for (const ms of [0, 300, 600]) {
  client.capture({ distinctId, event: '$autocapture', timestamp: at(ms),
    properties: { ...base, $event_type: 'click', $elements_chain: chain } });
}
client.capture({ distinctId, event: '$rageclick', timestamp: at(600),
  properties: { ...base, $event_type: 'click', $elements_chain: chain } });
const lonely = { ...base, $session_id: lonelySession, $elements_chain: chain };
client.capture({ distinctId, event: '$rageclick', timestamp: at(5000), properties: { ...lonely, x: 120, y: 48 } });
client.capture({ distinctId, event: '$dead_click', timestamp: at(9000), properties: lonely });
await client.flush();
await client.shutdown();
process.exit(failed ? 1 : 0);
