import type { Context } from 'hono';
import { operationalRoles, type Reader } from '../../pipelines/read/index.js';
import {
  parseScenarioRequest,
  ScenarioError,
  markScenarioInBrief,
  ScenarioRunner,
  scenarioMeasures,
  type SavedScenario,
} from '../../pipelines/scenario/index.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import type { RouteInput, RouteSpec } from '../http/route-spec.js';
import { ClientError, type ParamSpec } from '../validation/param-spec.js';

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientError(400, 'the body must be JSON, such as {"levers": []}');
  }
}

function describe(saved: SavedScenario, runner: ScenarioRunner) {
  return {
    ...saved,
    progress:
      saved.status === 'done'
        ? { done: saved.request.replications, total: saved.request.replications }
        : (runner.progressOf(saved.scenario_id) ?? null),
  };
}

/** The ICS codes a caller may see that have sites (their scope, or every ICS). */
async function visibleIcs(input: RouteInput): Promise<string[]> {
  const scope = input.reader!.scope;
  const reader = await input.deps.connection.runAndReadAll(
    `SELECT DISTINCT ics_code FROM org WHERE org_type = 'site' AND ics_code IS NOT NULL
       AND ($1::VARCHAR IS NULL OR list_contains(string_split($1, ','), ics_code))
     ORDER BY ics_code`,
    [scope === null ? null : scope.join(',')],
  );
  return reader.getRowsJS().map((row) => String(row[0]));
}

const idParam: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'the scenario id',
  type: 'text',
  pattern: /^scn_[A-Za-z0-9_-]{6,40}$/,
  hint: 'a scenario id such as scn_Ab3dE5fG7hI9',
  maxLength: 44,
};

/**
 * POST /api/scenarios (start a scenario), GET /api/scenarios (those you may see) and
 * GET /api/scenarios/:id (status, progress, summary and every output as JSON, CSV or Arrow) and
 * POST /api/scenarios/:id/brief (mark or unmark one for the daily brief).
 */
export function scenarioRoutes(services: AppServices): RouteSpec[] & { runner: ScenarioRunner } {
  const { deps } = services;
  const runner = new ScenarioRunner({
    connection: deps.connection,
    settings: deps.config.settings,
    now: deps.now,
    log: deps.log,
  });
  const specs: RouteSpec[] = [
    {
      method: 'POST',
      path: '/api/scenarios',
      tag: 'scenarios',
      summary:
        'Start a what-if scenario from the live state: levers against the no-change baseline, on common random numbers',
      description:
        'Answers 202 with the scenario id once the levers are checked against the sites; follow `GET /api/scenarios/{id}` for progress and results. ' +
        'Levers: beds (G&A beds opened or closed), extra_discharges (per day, by pathway), nctr_cut (% shorter delays, optionally one pathway), ' +
        'arrivals (% up or down), handover_cap (minutes), divert (share of ambulance arrivals to another site); each with org (site, trust or ICS) and start_hour.',
      roles: operationalRoles,
      params: [],
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/json',
        description:
          '{"name": "20 beds at Rowan Dale", "hours": 72, "replications": 50, "seed": 1, "levers": [{"kind": "beds", "org": "XA4", "beds": 20}, {"kind": "nctr_cut", "org": "XA4", "pathway": 3, "percent": 50}], "in_brief": false}',
      },
      async handle(input) {
        const reader = input.reader as Reader;
        reader.requireScenarios();
        try {
          const request = parseScenarioRequest(
            await jsonBody(input.c),
            Math.floor(Math.random() * 2 ** 31),
          );
          const visible = await visibleIcs(input);
          const ics = request.ics ?? visible;
          const outside = ics.filter((code) => !visible.includes(code));
          if (outside.length > 0)
            throw new ScenarioError(
              `ics: ${outside.join(', ')} is not an ICS you may see (yours: ${visible.join(', ') || 'none'})`,
            );
          if (ics.length === 0)
            throw new ScenarioError('there is no ICS in your scope to simulate');
          const id = await runner.start({ ...request, ics }, reader.principal.tokenId);
          const [saved] = await reader.scenarios({ id });
          return {
            status: 202,
            noStore: true,
            body: { scenario: describe(saved, runner), url: `/api/scenarios/${id}` },
          };
        } catch (error) {
          if (error instanceof ScenarioError) throw new ClientError(400, error.message);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      path: '/api/scenarios',
      tag: 'scenarios',
      summary: 'Scenarios you may see (newest first), with their inputs, status and summary',
      roles: operationalRoles,
      params: [
        {
          name: 'in_brief',
          in: 'query',
          description: 'only those marked for the daily brief',
          type: 'enum',
          values: ['true', 'false'],
        },
      ],
      formats: ['json'],
      cached: false,
      async handle(input) {
        const inBrief =
          input.params.in_brief === undefined ? undefined : input.params.in_brief === 'true';
        const scenarios = await input.reader!.scenarios({ inBrief });
        return { body: { scenarios: scenarios.map((s) => describe(s, runner)) }, noStore: true };
      },
    },
    {
      method: 'GET',
      path: '/api/scenarios/:id',
      tag: 'scenarios',
      summary:
        'One scenario: status, progress, summary, fitted distributions and its outputs per org and hour (baseline, scenario, difference) with 80% and 95% ranges',
      description:
        'JSON carries `scenario` and `rows`; CSV and Arrow carry the rows. hour_start null: the whole horizon. Patients are counted at the end of each hour.',
      roles: operationalRoles,
      params: [
        idParam,
        { name: 'org', in: 'query', description: 'one site, trust or ICS', type: 'code' },
        {
          name: 'measure',
          in: 'query',
          description: 'one output',
          type: 'enum',
          values: scenarioMeasures,
        },
        {
          name: 'run',
          in: 'query',
          description: 'baseline, scenario or difference',
          type: 'enum',
          values: ['baseline', 'scenario', 'difference'],
        },
      ],
      formats: ['json', 'csv', 'arrow'],
      contract: 'scenarioValues',
      cached: false,
      async handle(input) {
        const { scenario: saved, table } = await input.reader!.scenarioValues(
          String(input.params.id),
          {
            org: input.params.org as string | undefined,
            measure: input.params.measure as string | undefined,
            run: input.params.run as string | undefined,
          },
        );
        return { table, body: { scenario: describe(saved, runner), rows: table }, noStore: true };
      },
    },
    {
      method: 'POST',
      path: '/api/scenarios/:id/brief',
      tag: 'scenarios',
      summary: 'Mark a saved scenario for the daily brief, or unmark it',
      description:
        'A finished scenario marked for the brief gets a section of the daily brief of every audience that may see it: its plan, where and when it started, and its headline outputs over the horizon.',
      roles: operationalRoles,
      params: [idParam],
      formats: ['json'],
      cached: false,
      requestBody: { contentType: 'application/json', description: '{"in_brief": true}' },
      async handle(input) {
        const id = String(input.params.id);
        const body = await jsonBody(input.c);
        const inBrief = (body as { in_brief?: unknown } | null)?.in_brief;
        if (
          typeof body !== 'object' ||
          body === null ||
          Object.keys(body).some((key) => key !== 'in_brief') ||
          typeof inBrief !== 'boolean'
        )
          throw new ClientError(400, 'the body must be {"in_brief": true} or {"in_brief": false}');
        const [saved] = await input.reader!.scenarios({ id });
        if (!saved) throw new ClientError(404, `no scenario ${id}; GET /api/scenarios lists yours`);
        await markScenarioInBrief(input.deps.connection, id, inBrief);
        const [marked] = await input.reader!.scenarios({ id });
        return { body: { scenario: describe(marked!, runner) }, noStore: true };
      },
    },
  ];
  return Object.assign(specs, { runner });
}
