import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CALL_END_REASONS,
  CALL_STATUSES,
  CALL_TYPES,
  CALLBACK_STATUSES,
  type CallbackRequestDto,
  type CallbackStatus,
  type CallDto,
  type CallEndReason,
  type CallHistoryItem,
  type CallParty,
  type CallQualitySample,
  type CallQualitySummary,
  type CallSideQuality,
  type CallStatus,
  type CallSummaryDto,
  type CallType,
  type IceServerDto,
  type IceServersResponse,
  type Page,
  type ProductSellerDto,
  type ProductSummary,
  type SellerInfoDto,
  type ShopContactDto,
  type ShopPresence,
  type OpeningState,
  type ShopSummary,
} from '@callshop/contracts';
import { CallRatingResponseDto } from './call-rating.dto';

export class CallQualitySampleDto implements CallQualitySample {
  @ApiProperty({ type: Number, nullable: true, description: 'Round-trip time (ms)' }) rttMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Incoming packets lost (%)' }) lossPct!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Incoming jitter (ms)' }) jitterMs!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Incoming bitrate (kbit/s)' })
  bitrateKbps!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Video frames decoded per second' }) fps!:
    number | null;
  @ApiProperty({ type: Number, nullable: true }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true }) height!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Through a TURN relay' }) relayed!:
    boolean | null;
}

export class CallSideQualityDto implements CallSideQuality {
  @ApiProperty() samples!: number;
  @ApiProperty({ type: CallQualitySampleDto }) median!: CallQualitySampleDto;
  @ApiProperty({
    type: CallQualitySampleDto,
    description: 'Highest round-trip time, loss and jitter; lowest bitrate, frame rate and resolution',
  })
  worst!: CallQualitySampleDto;
  @ApiProperty({ description: 'Any sample went through a TURN relay' }) relayed!: boolean;
}

export class CallQualitySummaryDto implements CallQualitySummary {
  @ApiProperty({ type: CallSideQualityDto, nullable: true }) caller!: CallSideQualityDto | null;
  @ApiProperty({ type: CallSideQualityDto, nullable: true }) callee!: CallSideQualityDto | null;
}

export class CallPartyDto implements CallParty {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ShopSummaryDto implements ShopSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Operated by the platform ("Support" instead of "Seller")' })
  isPlatform!: boolean;
}

export class ProductSummaryDto implements ProductSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Integer minor units (cents)' }) price!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
}

export class CallResponseDto implements CallDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CALL_TYPES }) type!: CallType;
  @ApiProperty({ enum: CALL_STATUSES }) status!: CallStatus;
  @ApiProperty({ enum: CALL_END_REASONS, nullable: true }) endReason!: CallEndReason | null;
  @ApiProperty({ enum: ['customer', 'shop'] }) initiatedBy!: 'customer' | 'shop';
  @ApiProperty({ type: CallPartyDto }) customer!: CallPartyDto;
  @ApiProperty({ type: ShopSummaryDto }) shop!: ShopSummaryDto;
  @ApiProperty({
    type: CallPartyDto,
    nullable: true,
    description: 'The staff member who placed or answered the call',
  })
  staff!: CallPartyDto | null;
  @ApiProperty({
    type: ProductSummaryDto,
    nullable: true,
    description: 'A snapshot taken when the call started',
  })
  product!: ProductSummaryDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) ringDeadlineAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When media first flowed both ways (answered is not connected)',
  })
  connectedAt!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Talk time: whole seconds media flowed both ways, gaps left out; null if it never did',
  })
  durationSeconds!: number | null;
  @ApiProperty({
    type: CallQualitySummaryDto,
    nullable: true,
    description: "Each side's connection figures, once the call is over",
  })
  quality!: CallQualitySummaryDto | null;
}

export class CallHistoryItemDto extends CallResponseDto implements CallHistoryItem {
  @ApiProperty({ enum: ['incoming', 'outgoing'] }) direction!: 'incoming' | 'outgoing';
  @ApiProperty({
    type: CallRatingResponseDto,
    nullable: true,
    description: "The customer's rating (1-5 stars, a comment), once they gave one",
  })
  rating!: CallRatingResponseDto | null;
}

export class CallHistoryPageDto implements Page<CallHistoryItem> {
  @ApiProperty({ type: [CallHistoryItemDto] }) items!: CallHistoryItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class ActiveCallDto {
  @ApiProperty({
    type: CallResponseDto,
    nullable: true,
    description: 'The live (ringing or accepted) call, if any',
  })
  call!: CallResponseDto | null;
}

export class CallSummaryResponseDto implements CallSummaryDto {
  @ApiProperty({
    description: "Customers' calls today that nobody took (missed, given up while ringing, busy)",
  })
  missedToday!: number;
  @ApiProperty({ description: "All customers' calls that nobody took" }) missedTotal!: number;
  @ApiProperty({ description: 'Callback requests still open' }) openCallbacks!: number;
}

export class IceServerResponseDto implements IceServerDto {
  @ApiProperty({ type: [String], example: ['turn:turn.example.com:3478?transport=udp'] }) urls!: string[];
  @ApiPropertyOptional({ example: '1767225600:8a6f...' }) username?: string;
  @ApiPropertyOptional() credential?: string;
}

export class IceServersResponseDto implements IceServersResponse {
  @ApiProperty({ type: [IceServerResponseDto] }) iceServers!: IceServerResponseDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds the TURN credentials stay valid' })
  ttl!: number | null;
  @ApiProperty({ description: 'Use relayed candidates only (hides IP addresses)' }) relayOnly!: boolean;
}

export class ShopContactResponseDto implements ShopContactDto {
  @ApiProperty({ type: CallPartyDto }) customer!: CallPartyDto;
  @ApiProperty({ type: String, nullable: true }) phoneNumber!: string | null;
  @ApiProperty({ format: 'date-time' }) lastContactAt!: string;
  @ApiProperty() online!: boolean;
}

export class SellerInfoResponseDto implements SellerInfoDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isPlatform!: boolean;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for anonymous visitors' }) phoneNumber!:
    string | null;
  @ApiProperty({ description: 'Some staff member is connected' }) online!: boolean;
  @ApiProperty({ description: 'Some connected staff member takes calls' }) available!: boolean;
}

export class OpeningStateResponseDto implements OpeningState {
  @ApiProperty() openNow!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextOpenAt!: string | null;
}

/** `GET /presence/shops`: one shop's status. */
export class ShopPresenceResponseDto implements ShopPresence {
  @ApiProperty({ format: 'uuid' }) shopId!: string;
  @ApiProperty({ description: 'Some staff member is connected' }) online!: boolean;
  @ApiProperty({ description: 'Some connected staff member takes calls' }) available!: boolean;
  @ApiProperty({
    type: OpeningStateResponseDto,
    nullable: true,
    description: 'Null when the shop set no hours',
  })
  hours!: OpeningStateResponseDto | null;
}

export class ProductDetailSummaryDto extends ProductSummaryDto {
  @ApiProperty() description!: string;
  @ApiProperty() stock!: number;
}

export class ProductSellerResponseDto implements ProductSellerDto {
  @ApiProperty({ type: ProductDetailSummaryDto }) product!: ProductDetailSummaryDto;
  @ApiProperty({ type: SellerInfoResponseDto }) seller!: SellerInfoResponseDto;
}

export class CallbackResponseDto implements CallbackRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CallPartyDto }) customer!: CallPartyDto;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Shown to the shop's staff only" })
  customerPhone?: string | null;
  @ApiProperty({ type: ShopSummaryDto }) shop!: ShopSummaryDto;
  @ApiProperty({ type: ProductSummaryDto, nullable: true }) product!: ProductSummaryDto | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['phone', 'video'] }) preference!: 'phone' | 'video';
  @ApiProperty({
    enum: CALLBACK_STATUSES,
    description:
      '`called_back`: a call placed from the request was completed; `done`: marked done by the shop without one',
  })
  status!: CallbackStatus;
  @ApiProperty({ type: CallPartyDto, nullable: true }) handledBy!: CallPartyDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) handledAt!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The latest call placed from the request (the one that closed it, once called_back)',
  })
  callId!: string | null;
}

export class CallbackPageDto implements Page<CallbackRequestDto> {
  @ApiProperty({ type: [CallbackResponseDto] }) items!: CallbackResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}
