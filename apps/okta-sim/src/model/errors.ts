/** A refusal of the control API or an org operation; the HTTP layer turns it into `{ error, message }`. */
export class SimError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: 'invalid_request' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export const notFound = (what: string) => new SimError(404, 'not_found', `${what} not found`);
export const conflict = (what: string) => new SimError(409, 'conflict', `${what} already exists`);
export const invalid = (message: string) => new SimError(400, 'invalid_request', message);
