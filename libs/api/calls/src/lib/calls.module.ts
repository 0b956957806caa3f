import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '@callshop/api/core';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { AppointmentJobs } from './appointments/appointment-jobs';
import { AppointmentMailer } from './appointments/appointment-mailer';
import { ShopAppointmentSettings } from './appointments/appointment-settings.entity';
import { Appointment } from './appointments/appointment.entity';
import { AppointmentsController, ShopAppointmentsController } from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { ShopBlock } from './blocking/shop-block.entity';
import { ShopBlocks } from './blocking/shop-blocks.service';
import { CallbackRequest } from './callbacks/callback-request.entity';
import { CallbacksService } from './callbacks/callbacks.service';
import { CallMessage } from './chat/call-message.entity';
import { CallMessagesRepository } from './chat/call-messages.repository';
import { CallChat } from './chat/call-chat.service';
import { CallRating } from './rating/call-rating.entity';
import { CallRatings } from './rating/call-ratings.service';
import { CallsRepository } from './data/calls.repository';
import { PgCallsRepository } from './data/pg-calls.repository';
import { CallHistory } from './history/call-history.service';
import { BlockedCustomersController } from './http/blocked-customers.controller';
import { CallbacksController } from './http/callbacks.controller';
import { CallMessagesController } from './http/call-messages.controller';
import { CallRatingsController } from './http/call-ratings.controller';
import { CallsController } from './http/calls.controller';
import { OpeningHoursController } from './http/opening-hours.controller';
import { PresenceController } from './http/presence.controller';
import { OpeningHoursService } from './hours/opening-hours.service';
import { ShopOpeningHours } from './hours/shop-opening-hours.entity';
import { VideoCallController } from './http/video-call.controller';
import { IceServersService } from './ice/ice-servers.service';
import { CallClock, SystemClock } from './lifecycle/call-clock';
import { CallDeadlines } from './lifecycle/call-deadlines.service';
import { CallLifecycle } from './lifecycle/call-lifecycle.service';
import { CallMedia } from './lifecycle/call-media.service';
import { CallStarter } from './lifecycle/call-starter.service';
import { CallStateMachine } from './lifecycle/call-state-machine';
import { CustomerGate } from './limits/customer-gate';
import { CustomerLimits } from './limits/customer-limits.service';
import { CustomerSockets } from './limits/customer-sockets';
import { Call } from './model/call.entity';
import { PresenceService } from './presence/presence.service';
import { SellerInfoService } from './presence/seller-info.service';
import { WaitingLineController } from './queue/waiting-line.controller';
import { WaitingLineRepository } from './queue/waiting-line.repository';
import { WaitingLine } from './queue/waiting-line.service';
import { BindingCache } from './signaling/binding-cache';
import { CallGateway } from './signaling/call.gateway';
import { CallPushes } from './signaling/call-pushes.listener';
import { CallsNamespace } from './signaling/calls-namespace';
import { SocketDrain } from './signaling/socket-drain.listener';

/**
 * Calls between customers and shops. Where things live:
 * - `model/`: the call's states, transitions and their effects, the outcome rule for a new
 *   call, entities and domain events;
 * - `data/`: every SQL query of calls, by name;
 * - `lifecycle/`: starting a call, the parties' actions, the deadlines;
 * - `history/`: reading calls; `presence/`: who is online, the seed's seller routes;
 * - `callbacks/`, `ice/`: callback requests, STUN/TURN servers;
 * - `limits/`, `blocking/`: per-customer abuse limits, customers a shop blocked;
 * - `http/`: REST controllers and DTOs; `signaling/`: the Socket.io gateway and pushes.
 */
@Module({
  imports: [
    AuthModule,
    ProductsModule,
    JobsModule,
    TypeOrmModule.forFeature([
      Call,
      CallbackRequest,
      ShopBlock,
      CallMessage,
      CallRating,
      ShopOpeningHours,
      Appointment,
      ShopAppointmentSettings,
    ]),
  ],
  controllers: [
    VideoCallController,
    CallsController,
    CallMessagesController,
    CallRatingsController,
    CallbacksController,
    BlockedCustomersController,
    PresenceController,
    OpeningHoursController,
    ShopAppointmentsController,
    AppointmentsController,
    WaitingLineController,
  ],
  providers: [
    { provide: CallsRepository, useClass: PgCallsRepository },
    { provide: CallClock, useClass: SystemClock },
    CallStateMachine,
    CallStarter,
    CallLifecycle,
    CallMedia,
    CallDeadlines,
    CallHistory,
    CallbacksService,
    OpeningHoursService,
    CallMessagesRepository,
    CallChat,
    CallRatings,
    ShopBlocks,
    CustomerLimits,
    CustomerGate,
    CustomerSockets,
    CallsNamespace,
    PresenceService,
    SellerInfoService,
    IceServersService,
    BindingCache,
    CallPushes,
    CallGateway,
    SocketDrain,
    AppointmentsService,
    AppointmentMailer,
    AppointmentJobs,
    WaitingLineRepository,
    WaitingLine,
  ],
  exports: [CallStarter, CallLifecycle, CallHistory, CallbacksService, PresenceService, CallsNamespace],
})
export class CallsModule {}
