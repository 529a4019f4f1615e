/** A control-API or input error with a stable code; the routes turn it into `{ error, message }`. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
