/** An error the stand-in answers the way Commerce renders it: `{message, parameters?}` with an HTTP status. */
export class CommerceFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameters?: readonly unknown[] | Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return this.parameters === undefined
      ? { message: this.message }
      : { message: this.message, parameters: this.parameters };
  }
}

export const NO_SUCH_ENTITY = "The entity that was requested doesn't exist. Verify the entity and try again.";

export function notFound(message = NO_SUCH_ENTITY, parameters?: CommerceFault['parameters']): CommerceFault {
  return new CommerceFault(404, message, parameters);
}

export function badRequest(message: string, parameters?: CommerceFault['parameters']): CommerceFault {
  return new CommerceFault(400, message, parameters);
}

export function documentValidation(
  kind: 'Invoice' | 'Shipment' | 'Creditmemo',
  messages: string[],
): CommerceFault {
  return new CommerceFault(400, `${kind} Document Validation Error(s):\n${messages.join('\n')}`);
}
