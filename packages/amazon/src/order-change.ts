import { Ajv, type ValidateFunction } from 'ajv';
import {
  type OrderChangeNotification,
  orderChangeNotificationSchema,
} from './generated/order-change-notification.js';

export type { OrderChangeNotification };

export class OrderChangeValidationError extends Error {
  override name = 'OrderChangeValidationError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(orderChangeNotificationSchema);
  return validator;
}

/**
 * Validates an ORDER_CHANGE notification against Amazon's JSON Schema and returns it typed. Accepts the parsed
 * object or the raw JSON text (e.g. an SQS message body).
 */
export function parseOrderChangeNotification(input: unknown): OrderChangeNotification {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new OrderChangeValidationError('ORDER_CHANGE notification is not valid JSON', ['not JSON']);
    }
  }
  const check = validate();
  if (!check(value)) {
    const problems = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new OrderChangeValidationError(
      `invalid ORDER_CHANGE notification: ${problems.join('; ')}`,
      problems,
    );
  }
  const notification = value as OrderChangeNotification;
  if (notification.NotificationType !== 'ORDER_CHANGE') {
    throw new OrderChangeValidationError(
      `not an ORDER_CHANGE notification: ${notification.NotificationType}`,
      ['/NotificationType must be ORDER_CHANGE'],
    );
  }
  return notification;
}
