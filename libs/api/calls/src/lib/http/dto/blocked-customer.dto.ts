import { ApiProperty } from '@nestjs/swagger';
import type { BlockedCustomerDto } from '@callshop/contracts';
import { CallPartyDto } from './responses.dto';

export class BlockedCustomerResponseDto implements BlockedCustomerDto {
  @ApiProperty({ type: CallPartyDto }) customer!: CallPartyDto;
  @ApiProperty({ type: CallPartyDto, nullable: true, description: 'The staff member who blocked them' })
  blockedBy!: CallPartyDto | null;
  @ApiProperty({ format: 'date-time' }) blockedAt!: string;
}
