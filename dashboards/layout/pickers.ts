import { html } from './dom.js';

/** One choice of a picker. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled select that calls onChange with the chosen value. */
export function picker(
  label: string,
  name: string,
  choices: readonly Choice[],
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  const id = `picker-${name}`;
  const select = html(
    'select',
    { id, name },
    ...choices.map((choice) =>
      html('option', { value: choice.value, selected: choice.value === value }, choice.label),
    ),
  );
  select.addEventListener('change', () => onChange(select.value));
  return html('div', { class: 'picker' }, html('label', { for: id }, label), select);
}

/** A labelled date input (YYYY-MM-DD) that calls onChange with the chosen day. */
export function datePicker(
  label: string,
  name: string,
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  const id = `picker-${name}`;
  const input = html('input', { id, name, type: 'date', value });
  input.addEventListener('change', () => onChange(input.value));
  return html('div', { class: 'picker' }, html('label', { for: id }, label), input);
}

export const grainChoices: Choice[] = [
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];
