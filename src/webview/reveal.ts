// An item id as a button that asks the host to reveal the item in the YAML (the
// keyboard way to what a chart dot's click does), used by the chart tables and
// the PMO sections.
import { post, requestId } from './api';
import { h } from './dom';

export function revealButton(id: string, label = id): HTMLElement {
  const b = h('button', { class: 'link', type: 'button', title: `Reveal ${id} in the YAML`, 'data-item': id }, label);
  b.addEventListener('click', () => post({ type: 'revealItem', requestId: requestId(), id }));
  return b;
}

/** Ids as reveal buttons separated by `sep` (a text node between them). */
export function revealList(ids: readonly string[], sep = ', '): HTMLElement {
  const span = h('span', { class: 'ids' });
  ids.forEach((id, i) => {
    if (i > 0) span.append(sep);
    span.append(revealButton(id));
  });
  return span;
}
