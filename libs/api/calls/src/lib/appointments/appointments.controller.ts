import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, appConfig, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { appointmentCalendar } from './appointment-calendar';
import { AppointmentsService } from './appointments.service';
import {
  AppointmentListQueryDto,
  AppointmentResponseDto,
  AppointmentSettingsDto,
  AppointmentSlotsQueryDto,
  AppointmentSlotsResponseDto,
  BookAppointmentDto,
  CancelAppointmentDto,
  RescheduleAppointmentDto,
} from './dto/appointments.dto';

/** A shop's appointment rules and free slots. */
@ApiTags('appointments')
@Controller('shops/:shopId')
export class ShopAppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get('appointment-slots')
  @ApiOperation({
    summary: "A shop's free appointment slots (public)",
    description:
      "Slots within the shop's opening hours (none on closure dates), starting in [from, to), with places left; instants in UTC, the shop's time zone alongside. Booked up to 180 days ahead.",
  })
  @ApiOkResponse({ type: AppointmentSlotsResponseDto })
  @ApiErrors(400, 404)
  slots(@Param('shopId', uuidParam('shopId')) shopId: string, @Query() query: AppointmentSlotsQueryDto) {
    return this.appointments.freeSlots(shopId, query.from, query.to);
  }

  @Get('appointment-settings')
  @ApiOperation({ summary: "A shop's appointment rules (public)" })
  @ApiOkResponse({ type: AppointmentSettingsDto })
  @ApiErrors(400, 404)
  settings(@Param('shopId', uuidParam('shopId')) shopId: string) {
    return this.appointments.settings(shopId);
  }

  @Put('appointment-settings')
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Set the shop's appointment rules: slot length, buffer, capacity, reminder lead, change cutoff",
    description: "Only the shop's staff. Booked appointments keep their times.",
  })
  @ApiOkResponse({ type: AppointmentSettingsDto })
  @ApiErrors(400, 401, 403)
  setSettings(
    @CurrentUser() user: AuthUser,
    @Param('shopId', uuidParam('shopId')) shopId: string,
    @Body() dto: AppointmentSettingsDto,
  ) {
    return this.appointments.setSettings(user, shopId, dto);
  }
}

/** Booked video appointments, for their two parties: the customer and the shop's staff. */
@ApiTags('appointments')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Book a video call about a product at a free slot (customers)',
    description:
      '`409` names the slot when its last place was just taken (or the customer has another appointment then); `400` when startsAt is not a free slot of the shop.',
  })
  @ApiCreatedResponse({ type: AppointmentResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  book(@CurrentUser() user: AuthUser, @Body() dto: BookAppointmentDto) {
    return this.appointments.book(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: "My appointments: a customer's own, or the shop's for its staff",
    description: '`upcoming` (default): booked and not over, soonest first; `past`: the rest, newest first.',
  })
  @ApiOkResponse({ type: [AppointmentResponseDto] })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: AppointmentListQueryDto) {
    return this.appointments.list(user, query.when ?? 'upcoming');
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appointment (its two parties only)' })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam()) id: string) {
    return this.appointments.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Move it to another free slot (the customer, up to the shop's cutoff before the start)",
  })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RescheduleAppointmentDto,
  ) {
    return this.appointments.reschedule(user, id, dto.startsAt);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel it',
    description:
      "The customer up to the shop's cutoff before the start (reason optional); the shop's staff until it ends, with a reason.",
  })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiErrors(400, 401, 404, 409)
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CancelAppointmentDto,
  ) {
    return this.appointments.cancel(user, id, dto.reason);
  }

  @Get(':id/calendar.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="appointment.ics"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The appointment as an iCalendar file, to add to a calendar (its two parties only)',
  })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @ApiErrors(400, 401, 404)
  async calendar(@CurrentUser() user: AuthUser, @Param('id', uuidParam()) id: string): Promise<string> {
    const appointment = await this.appointments.get(user, id);
    const base = this.app.publicUrl?.replace(/\/$/, '');
    return appointmentCalendar(appointment, base ? `${base}/appointments` : null);
  }
}
