import { describe, expect, it } from 'vitest';
import {
  defaultScenarioName,
  scenarioNameMaxLength,
  type Lever,
} from '../../../pipelines/scenario/index.js';
import { parseScenarioRequest } from '../../../pipelines/scenario/scenario-request.js';

const nameOf = () => 'Rowan Dale General Hospital';

describe('defaultScenarioName(levers, nameOf)', () => {
  it('is the plan in words when it fits', () => {
    const levers = [{ kind: 'beds', org: 'XA4', beds: 20 }] as Lever[];
    expect(defaultScenarioName(levers, nameOf)).toBe(
      '20 G&A beds opened at Rowan Dale General Hospital',
    );
  });

  it('cuts a longer plan to a name the scenario request accepts', () => {
    const levers = [
      { kind: 'beds', org: 'XA4', beds: 20 },
      { kind: 'nctr_cut', org: 'XA4', percent: 50, pathway: 3 },
    ] as Lever[];
    const name = defaultScenarioName(levers, nameOf);
    expect(name).toHaveLength(scenarioNameMaxLength);
    expect(name.endsWith('…')).toBe(true);
    expect(name.startsWith('20 G&A beds opened at Rowan Dale General Hospital and delays')).toBe(
      true,
    );
    expect(parseScenarioRequest({ name, levers }, 1).name).toBe(name);
  });
});
