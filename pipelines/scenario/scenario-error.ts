/** A scenario that cannot be run as asked, with a message a person can act on (HTTP 400). */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}
