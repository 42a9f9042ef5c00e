/**
 * Errors a service raises on purpose. Each has a stable code that the API maps to a status and the admin UI
 * and CLI show as they are; anything else is a bug and surfaces as an internal error.
 */
export class ServiceError extends Error {
  override readonly name: string = 'ServiceError';
  constructor(
    readonly code: 'not_found' | 'invalid_input' | 'conflict' | 'not_allowed',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NotFoundError extends ServiceError {
  override readonly name = 'NotFoundError';
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} does not exist`);
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class InvalidInputError extends ServiceError {
  override readonly name = 'InvalidInputError';
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(
      'invalid_input',
      `${message}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

export class ConflictError extends ServiceError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}

export class NotAllowedError extends ServiceError {
  override readonly name = 'NotAllowedError';
  constructor(message: string) {
    super('not_allowed', message);
  }
}
