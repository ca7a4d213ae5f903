// Small DOM builders shared by the page's panels: elements, digests with a copy button,
// tables that stack into labelled rows on narrow screens, status pills.

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('aria-') || k === 'role') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of [].concat(children)) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export const pill = (status, text = status) => el('span', { className: `pill ${status}`, textContent: text });

/** A digest that wraps anywhere, with a button copying it. */
export function digest(value, what = 'digest') {
  const button = el('button', { type: 'button', className: 'copy', textContent: 'Copy', 'aria-label': `Copy ${what}` });
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = 'Copied';
    } catch {
      // No clipboard permission: select the text so the user can copy it.
      getSelection()?.selectAllChildren(button.previousSibling);
      button.textContent = 'Selected';
    }
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
  return el('span', { className: 'digest' }, [el('code', { textContent: value }), button]);
}

/** A table; each cell carries its column name, shown before it when rows stack. */
export function table(headers, rows, className = '') {
  const head = el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', textContent: h }))));
  const body = el(
    'tbody',
    {},
    rows.map(({ cells, className: rowClass = '' }) =>
      el('tr', { className: rowClass }, cells.map((c, i) => el('td', { dataset: { label: headers[i] } }, typeof c === 'string' ? el('span', { textContent: c }) : c))),
    ),
  );
  return el('table', { className: `checks stack ${className}` }, [head, body]);
}

/** A <dl> of [term, value] pairs, skipping empty values. */
export function summary(pairs) {
  const dl = el('dl', { className: 'summary' });
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === '') continue;
    dl.append(el('dt', { textContent: k }), el('dd', {}, typeof v === 'string' ? el('span', { textContent: v }) : v));
  }
  return dl;
}

/** Saves `data` as a file, from memory (a blob: URL, never a request). */
export function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
