import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A `ParseUUIDPipe` whose 400 names the parameter. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException(`${name} must be a UUID`),
  });
}
