import { describe, expect, it } from 'vitest';
import { checkCsvHeader } from '../../../../pipelines/feeds/csv-feed/check-csv-header.js';

const columns = ['Spell_Id', 'Site_Code', 'Delay_Reason'];

describe('checkCsvHeader(text, columns)', () => {
  it('accepts the exact header, quoted or not, with CRLF line ends', () => {
    expect(() =>
      checkCsvHeader('Spell_Id,Site_Code,Delay_Reason\r\n1,2,3\r\n', columns),
    ).not.toThrow();
    expect(() => checkCsvHeader('"Spell_Id","Site_Code",Delay_Reason', columns)).not.toThrow();
  });

  it('refuses an empty or blank file as empty_file', () => {
    expect(() => checkCsvHeader('', columns)).toThrow(
      expect.objectContaining({ code: 'empty_file' }),
    );
    expect(() => checkCsvHeader('\n \n', columns)).toThrow(
      expect.objectContaining({ code: 'empty_file' }),
    );
  });

  it('names each differing, missing and extra column', () => {
    expect(() => checkCsvHeader('Spell_ID,Site_Code', columns)).toThrow(
      'column 1 is "Spell_ID", expected "Spell_Id"; column 3 "Delay_Reason" is missing',
    );
    expect(() => checkCsvHeader('Spell_Id,Site_Code,Delay_Reason,Extra', columns)).toThrow(
      'unexpected extra column 4 "Extra"',
    );
  });
});
