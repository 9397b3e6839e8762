import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacPads } from '../../../pipelines/nhs-number/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';

describe('hmacPads(keyHex) with nhs_pseudonym(n, ipad, opad)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse(':memory:');
  });
  afterAll(() => warehouse.close());

  it("matches Node's createHmac for any key length and number", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.stringMatching(/^[0-9]{10}$/),
        async (key, nhs) => {
          const keyHex = Buffer.from(key).toString('hex');
          const { ipadHex, opadHex } = hmacPads(keyHex);
          const reader = await warehouse.connection.runAndReadAll(
            'SELECT nhs_pseudonym($1, $2, $3) AS p',
            [nhs, ipadHex, opadHex],
          );
          const expected = createHmac('sha256', Buffer.from(keyHex, 'hex'))
            .update(nhs)
            .digest('hex');
          expect(reader.getRowObjectsJS()[0]!.p).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a key that is not hex', () => {
    expect(() => hmacPads('xyz')).toThrow(/hex/);
    expect(() => hmacPads('')).toThrow(/hex/);
  });
});
