import { dischargeColumns } from '../../feeds/discharge/format.js';
import { formatIsoLocal } from '../local-time.js';
import type { Spell } from '../models/spell.js';

/** The discharge CSV header, from the feed's format, with its line break. */
export const dischargeHeaderLine = `${dischargeColumns.join(',')}\n`;

/**
 * The discharge file's lines: the spells `discharged` (with their discharge time), then those
 * `waiting` (without); `laCodes` names each person's local authority.
 */
export function dischargeRows(
  day: { discharged: readonly Spell[]; waiting: readonly Spell[] },
  laCodes: readonly string[],
): string[] {
  const line = (s: Spell, discharged: boolean): string => {
    const reason = s.delayReason ? `"${s.delayReason}"` : '';
    return (
      `${s.id},${s.trust.code},${s.site.code},${s.person.nhsNumber},${formatIsoLocal(s.admittedAt)},` +
      `${s.readyDate},${discharged ? formatIsoLocal(s.dischargeAt) : ''},${s.pathway},${reason},` +
      `${laCodes[s.person.laIndex]},${s.person.age},${s.person.sexCode}\n`
    );
  };
  return [...day.discharged.map((s) => line(s, true)), ...day.waiting.map((s) => line(s, false))];
}
