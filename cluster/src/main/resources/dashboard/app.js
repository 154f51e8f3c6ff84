// The dashboard's shell: who is signed in, the sign-in form, the menu and the page shown (#/<page id>).
import { api, live, ApiError, CSRF_HEADER } from './api.js';
import { el } from './dom.js';
import * as format from './format.js';
import { PAGES } from './pages.js';

const $ = (id) => document.getElementById(id);
let stopPage = null;
let shown = 0;

async function session(method, body) {
  const headers = { Accept: 'application/json', [CSRF_HEADER]: '1' };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch('session', {
    method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function showSignIn() {
  stop();
  $('page').replaceChildren();
  for (const id of ['nav', 'who', 'sign-out']) $(id).hidden = true;
  $('sign-in').hidden = false;
  document.body.dataset.state = 'signed-out';
  $('key').focus();
}

function showShell(who) {
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `tenant ${who.tenant} · ${who.roles.join(', ')}`;
  $('nav').replaceChildren(...PAGES.map((p) => el('a', { href: `#/${p.id}`, id: `nav-${p.id}` }, p.title)));
  document.body.dataset.state = 'signed-in';
  route();
}

function stop() {
  if (typeof stopPage === 'function') stopPage();
  stopPage = null;
}

async function route() {
  if (document.body.dataset.state !== 'signed-in') return;
  const id = (location.hash.match(/^#\/([\w-]+)/) || [])[1] || PAGES[0].id;
  const page = PAGES.find((p) => p.id === id) || PAGES[0];
  stop();
  const ticket = ++shown;
  for (const a of $('nav').querySelectorAll('a')) a.classList.toggle('current', a.id === `nav-${page.id}`);
  const root = el('section', { class: 'page', id: `page-${page.id}`, dataset: { page: page.id, ready: 'false' } },
    el('h1', {}, page.title));
  $('page').replaceChildren(root);
  document.title = `${page.title} · Limbic`;
  const module = await page.load();
  if (ticket !== shown) return;
  try {
    stopPage = await module.render(root, { api, live, el, format });
  } catch (e) {
    root.append(el('p', { class: 'error', role: 'alert' }, `Could not load: ${e.message}`));
  }
  if (ticket === shown) root.dataset.ready = 'true';
}

async function signIn(event) {
  event.preventDefault();
  const input = $('key');
  $('sign-in-error').textContent = '';
  try {
    const who = await session('POST', { key: input.value.trim() });
    input.value = '';
    showShell(who);
  } catch (e) {
    $('sign-in-error').textContent = e.message;
  }
}

async function signOut() {
  try {
    await session('DELETE');
  } finally {
    showSignIn();
  }
}

async function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  window.addEventListener('limbic:signed-out', showSignIn);
  try {
    const who = await session('GET');
    if (who.signedIn) showShell(who); else showSignIn();
  } catch (e) {
    showSignIn();
  }
}

start();
