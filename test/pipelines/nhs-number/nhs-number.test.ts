import { describe, expect, it } from 'vitest';
import { nhsCheckDigit, nhsNumberProblem } from '../../../pipelines/nhs-number/index.js';

describe('nhsNumberProblem', () => {
  it('names the problem of a value that is not a valid NHS number', () => {
    expect(nhsNumberProblem('9434765919')).toBeNull();
    expect(nhsNumberProblem('0000000000')).toBeNull();
    expect(nhsNumberProblem('9434765918')).toBe('nhs_number_checksum');
    expect(nhsNumberProblem('1000000011')).toBe('nhs_number_checksum');
    expect(nhsNumberProblem('943476591')).toBe('nhs_number_format');
    expect(nhsNumberProblem('943476591a')).toBe('nhs_number_format');
    expect(nhsNumberProblem('９４３４７６５９１９')).toBe('nhs_number_format');
  });
});

describe('nhsCheckDigit', () => {
  it('is 11 − (weighted sum mod 11), 11 giving 0 and 10 giving no number', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(nhsCheckDigit('100000001')).toBe(-1);
  });
});
