// Incidents: newest first, each with its timeline, and an Acknowledge button for those still waiting for someone
// (POST /v1/incidents/{id}/ack: it stops the escalation chain). Refreshed every 10 s.
import { failure } from '../dom.js';

const REFRESH_MS = 10000;

export async function render(root, { api, el, format }) {
  const body = el('div', { id: 'incident-list' });
  root.append(el('p', { class: 'note' }, 'From the incidents read model (it trails the incidents by about a second). '
    + 'Confidence is the classifier\'s for the emotion that opened the incident. Acknowledging records '
    + '"dashboard" as who acknowledged.'), body);

  async function load() {
    const list = await api.get('/v1/incidents');
    const details = await Promise.all(list.incidents.map((i) => api.get(`/v1/incidents/${encodeURIComponent(i.id)}`)));
    body.replaceChildren(...(details.length === 0 ? [el('p', { class: 'empty' }, 'No incidents.')]
      : details.map((i) => incident(i))));
  }

  function incident(i) {
    const waiting = !i.acknowledgedAt && !i.endedAt;
    const button = waiting ? el('button', { type: 'button', class: 'ack', dataset: { incident: i.id } },
      'Acknowledge') : null;
    if (button) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api.post(`/v1/incidents/${encodeURIComponent(i.id)}/ack`);
          button.textContent = 'Acknowledged';
          await load();
        } catch (e) {
          button.disabled = false;
          button.after(failure(e));
        }
      });
    }
    return el('article', { class: 'incident', dataset: { incident: i.id, status: i.status } },
      el('h2', {}, `${i.emotion || 'emotion'} · ${i.userId || 'anonymous'}`,
        el('span', { class: `status status-${i.status}` }, i.status)),
      el('p', {}, `Opened ${format.time(i.openedAt)} by ${i.openedBy || '–'} on ${i.page || '(unknown page)'}; `
        + `confidence ${format.num(i.confidence)}; lifetime value ${i.lifetimeValue ?? '–'} ${i.currency || ''}; `
        + `${i.contactsNotified} of ${i.contacts} contacts notified.`),
      i.evidence ? el('p', { class: 'evidence-text' }, `Evidence: ${i.evidence}`) : null,
      i.acknowledgedAt ? el('p', { class: 'acked' },
        `Acknowledged by ${i.acknowledgedBy} at ${format.time(i.acknowledgedAt)}.`) : null,
      button,
      el('ol', { class: 'timeline' }, (i.timeline || []).map((e) => el('li', {},
        el('time', {}, format.time(e.at)), ` ${e.kind}`,
        e.contact ? ` · ${e.contact}` : '', e.channel ? ` · ${e.channel}` : '', e.detail ? ` · ${e.detail}` : ''))));
  }

  try {
    await load();
  } catch (e) {
    body.replaceChildren(failure(e));
  }
  const timer = setInterval(() => load().catch((e) => body.replaceChildren(failure(e))), REFRESH_MS);
  return () => clearInterval(timer);
}
