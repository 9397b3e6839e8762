import type { Polarity } from './registry.js';

/** The XmR improvement direction of an indicator's polarity (Making Data Count). */
export function improvementOf(polarity: Polarity): 'up' | 'down' | 'neither' {
  if (polarity === 'higher_is_better') return 'up';
  if (polarity === 'lower_is_better') return 'down';
  return 'neither';
}
