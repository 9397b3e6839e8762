/**
 * Raw message text safe to keep in quarantine: every digit of the patient identifier fields
 * (PID-2, PID-3, PID-4) becomes `*`, and so does any other run of ten digits (also written
 * 3-3-4 with spaces or hyphens) that could be an NHS number. Timestamps (12+ digits) are kept.
 */
export function maskNhsNumbers(raw: string): string {
  return raw
    .split(/(\r\n|\r|\n)/)
    .map((line) => (line.startsWith('PID') && line.length > 3 ? maskPid(line) : line))
    .join('')
    .replace(/(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g, (digits) => digits.replace(/\d/g, '*'));
}

function maskPid(line: string): string {
  const separator = line[3]!;
  const fields = line.split(separator);
  for (const index of [2, 3, 4]) {
    if (fields[index] !== undefined) fields[index] = fields[index].replace(/\d/g, '*');
  }
  return fields.join(separator);
}
