import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ApiErrorBody, FieldError } from '@callshop/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ type: [String], example: ['email must be a valid email address'] }) messages!: string[];
}

/** The one error shape of the API. */
export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'email must be a valid email address' }) message!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Validation failures, one per field' })
  details?: FieldErrorDto[];
  @ApiPropertyOptional() path?: string;
  @ApiPropertyOptional({ format: 'date-time' }) timestamp?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed id, body or query (details name each field)',
  401: 'Missing, invalid or expired access token, or bad credentials',
  403: 'Authenticated, but not allowed (wrong role, not the owner, not a party)',
  404: 'No such record',
  409: 'Conflicts with the current state (duplicate, already answered, already in a call)',
  429: 'Too many requests',
};

/** Documents the error responses a route can give, all in the `ApiErrorDto` shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ApiErrorDto }),
    ),
  );
}

/** Documents a `429` from a per-user limit, with its `Retry-After` header. */
export function ApiRateLimited(what: string) {
  return ApiResponse({
    status: 429,
    description: `${what}; \`Retry-After\` gives the seconds until the next attempt is allowed`,
    type: ApiErrorDto,
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
  });
}
