import { applyDecorators } from '@nestjs/common';
import { OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALL_CHAT_LIMITS,
  SIGNAL_LIMITS,
  type CallProductPayload,
  type CallQualitySample,
  type CallTextPayload,
  type SignalMessage,
  type SignalPayload,
} from '@callshop/contracts';
import { TOO_LARGE } from '@callshop/api/core';
import { InitiateCallDto } from '../http/dto/initiate-call.dto';

/**
 * Socket message bodies, checked by the same class-validator pipe as REST bodies
 * (`validatePayload`): a refusal is acknowledged `INVALID_PAYLOAD` (or `PAYLOAD_TOO_LARGE`)
 * with the same messages a REST client would read.
 */
export class CallIdDto {
  @IsUUID('all', { message: 'callId must be a UUID' })
  callId!: string;
}

export class ResumeDto extends CallIdDto {
  @IsOptional()
  @IsBoolean({ message: 'fresh must be true or false' })
  fresh?: boolean;
}

export class MediaReportDto extends CallIdDto {
  @IsBoolean({ message: 'flowing must be true or false' })
  flowing!: boolean;
}

/** A figure of a quality sample: absent, null, or a finite number from 0 to `max`. */
const figure = (name: string, max: number) =>
  applyDecorators(
    IsOptional(),
    IsNumber(
      { allowNaN: false, allowInfinity: false },
      { message: `sample.${name} must be a number or null` },
    ),
    Min(0, { message: `sample.${name} must be between 0 and ${max}` }),
    Max(max, { message: `sample.${name} must be between 0 and ${max}` }),
  );

class QualitySampleDto {
  @figure('rttMs', 60_000) rttMs!: number | null;
  @figure('lossPct', 100) lossPct!: number | null;
  @figure('jitterMs', 60_000) jitterMs!: number | null;
  @figure('bitrateKbps', 1_000_000) bitrateKbps!: number | null;
  @figure('fps', 240) fps!: number | null;
  @figure('width', 16_384) width!: number | null;
  @figure('height', 16_384) height!: number | null;

  @IsOptional()
  @IsBoolean({ message: 'sample.relayed must be true, false or null' })
  relayed!: boolean | null;
}

export class QualityReportDto extends CallIdDto {
  @IsObject({ message: 'sample must be an object' })
  @ValidateNested()
  @Type(() => QualitySampleDto)
  sample!: QualitySampleDto;
}

/** The sample as stored, with every figure present (null where the browser had none). */
export function toQualitySample(s: QualitySampleDto): CallQualitySample {
  return {
    rttMs: s.rttMs ?? null,
    lossPct: s.lossPct ?? null,
    jitterMs: s.jitterMs ?? null,
    bitrateKbps: s.bitrateKbps ?? null,
    fps: s.fps ?? null,
    width: s.width ?? null,
    height: s.height ?? null,
    relayed: s.relayed ?? null,
  };
}

/** A chat message or card: the call, and the sending device's id for it (a resend is the same message). */
class CallMessageBaseDto extends CallIdDto {
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId!: string;
}

/** `call:message`: plain text, trimmed, 1 to `CALL_CHAT_LIMITS.textMax` characters. */
export class ChatTextDto extends CallMessageBaseDto implements CallTextPayload {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'text must be a string' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(CALL_CHAT_LIMITS.textMax, {
    message: `text is longer than ${CALL_CHAT_LIMITS.textMax} characters`,
    ...TOO_LARGE,
  })
  text!: string;
}

/** `call:product`: one of the shop's products, sent as a card. */
export class ChatProductDto extends CallMessageBaseDto implements CallProductPayload {
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;
}

export class ShopIdDto {
  @IsUUID('all', { message: 'shopId must be a UUID' })
  shopId!: string;
}

export class AvailabilityDto {
  @IsBoolean({ message: 'available must be true or false' })
  available!: boolean;
}

/** `call:initiate`: the REST body without `deviceId` (the socket is the device). */
export class SocketInitiateDto extends OmitType(InitiateCallDto, ['deviceId'] as const) {}

const DESCRIPTION_TYPES = ['offer', 'answer', 'pranswer', 'rollback'] as const;

class DescriptionDto {
  @IsIn(DESCRIPTION_TYPES, { message: 'description.type must be offer, answer, pranswer or rollback' })
  type!: (typeof DESCRIPTION_TYPES)[number];

  /** Required but for a rollback. */
  @ValidateIf((d: DescriptionDto) => d.type !== 'rollback' || d.sdp !== undefined)
  @IsString({ message: 'description.sdp is required' })
  @MinLength(1, { message: 'description.sdp is required' })
  @MaxLength(SIGNAL_LIMITS.sdpMax, {
    message: `description.sdp is longer than ${SIGNAL_LIMITS.sdpMax} characters`,
    ...TOO_LARGE,
  })
  sdp?: string;
}

class CandidateDto {
  @IsString({ message: 'candidate.candidate must be a string' })
  @MaxLength(SIGNAL_LIMITS.candidateMax, {
    message: `candidate is longer than ${SIGNAL_LIMITS.candidateMax} characters`,
    ...TOO_LARGE,
  })
  candidate!: string;

  @IsOptional()
  @IsString({ message: 'candidate.sdpMid must be a short string or null' })
  @MaxLength(64, { message: 'candidate.sdpMid must be a short string or null' })
  sdpMid?: string | null;

  @IsOptional()
  @IsInt({ message: 'candidate.sdpMLineIndex must be a small whole number or null' })
  @Min(0, { message: 'candidate.sdpMLineIndex must be a small whole number or null' })
  @Max(1023, { message: 'candidate.sdpMLineIndex must be a small whole number or null' })
  sdpMLineIndex?: number | null;

  @IsOptional()
  @IsString({ message: 'candidate.usernameFragment must be a short string or null' })
  @MaxLength(256, { message: 'candidate.usernameFragment must be a short string or null' })
  usernameFragment?: string | null;
}

const SIGNAL_KINDS = ['description', 'candidate', 'media'] as const;

class SignalDto {
  @IsIn(SIGNAL_KINDS, { message: 'signal.kind must be description, candidate or media' })
  kind!: (typeof SIGNAL_KINDS)[number];
}

class DescriptionSignalDto extends SignalDto {
  @IsObject({ message: 'description must be an object' })
  @ValidateNested()
  @Type(() => DescriptionDto)
  description!: DescriptionDto;
}

class CandidateSignalDto extends SignalDto {
  /** null: the end of candidates. */
  @ValidateIf((s: CandidateSignalDto) => s.candidate !== null)
  @IsObject({ message: 'candidate must be an object or null' })
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate!: CandidateDto | null;
}

class MediaSignalDto extends SignalDto {
  @IsBoolean({ message: 'media.audio and media.video must be true or false' })
  audio!: boolean;

  @IsBoolean({ message: 'media.audio and media.video must be true or false' })
  video!: boolean;

  @IsOptional()
  @IsBoolean({ message: 'media.screen must be true or false' })
  screen?: boolean;
}

/** `call:signal`; validated with unknown fields stripped, then relayed as {@link toSignalMessage} rebuilds it. */
export class SignalMessageDto extends CallIdDto {
  @IsObject({ message: 'signal must be an object' })
  @ValidateNested()
  @Type(() => SignalDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'kind',
      subTypes: [
        { name: 'description', value: DescriptionSignalDto },
        { name: 'candidate', value: CandidateSignalDto },
        { name: 'media', value: MediaSignalDto },
      ],
    },
  })
  signal!: SignalDto;
}

/** The relayed message, rebuilt from the known fields of a validated one only. */
export function toSignalMessage(dto: SignalMessageDto): SignalMessage {
  return { callId: dto.callId, signal: toSignalPayload(dto.signal) };
}

function toSignalPayload(signal: SignalDto): SignalPayload {
  if (signal instanceof DescriptionSignalDto) {
    const { type, sdp } = signal.description;
    return { kind: 'description', description: sdp === undefined ? { type } : { type, sdp } };
  }
  if (signal instanceof CandidateSignalDto) {
    const c = signal.candidate;
    return {
      kind: 'candidate',
      candidate: c && {
        candidate: c.candidate,
        sdpMid: c.sdpMid ?? null,
        sdpMLineIndex: c.sdpMLineIndex ?? null,
        ...(c.usernameFragment != null ? { usernameFragment: c.usernameFragment } : {}),
      },
    };
  }
  const media = signal as MediaSignalDto;
  return {
    kind: 'media',
    audio: media.audio,
    video: media.video,
    ...(media.screen !== undefined ? { screen: media.screen } : {}),
  };
}
