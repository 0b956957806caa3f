import { OmitType } from '@nestjs/swagger';
import { CallbackQueryDto, CallHistoryQueryDto } from '@callshop/api/calls';

/** The call history's filters (status, direction, period), without paging: every matching call. */
export class CallExportQueryDto extends OmitType(CallHistoryQueryDto, ['page', 'limit'] as const) {}

/** The callback list's filter (status), without paging. */
export class CallbackExportQueryDto extends OmitType(CallbackQueryDto, ['page', 'limit'] as const) {}
