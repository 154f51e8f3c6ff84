// Building DOM from data without innerHTML: every value reaches the page as text.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function table(columns, rows, attrs) {
  return el('table', attrs,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c.title)))),
    el('tbody', {}, rows.length === 0
      ? el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, 'nothing yet'))
      : rows.map((r) => el('tr', {}, columns.map((c) => el('td', {}, c.cell(r)))))));
}

export function card(title, value, note, attrs) {
  return el('div', Object.assign({ class: 'card' }, attrs || {}),
    el('div', { class: 'card-title' }, title),
    el('div', { class: 'card-value' }, value),
    note ? el('div', { class: 'card-note' }, note) : null);
}

export function failure(error) {
  return el('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`);
}
