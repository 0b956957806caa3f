import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { Call } from './call.entity';
import { CallGateway } from './call.gateway';
import { CallbackRequest } from './callback-request.entity';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { IceServersService } from './ice-servers.service';
import { PresenceService } from './presence.service';
import { VideoCallController } from './video-call.controller';

/**
 * Calls between customers and shops: the call state machine, the seed's `/video-call`
 * routes, history, callbacks, ICE servers, presence and the signaling gateway.
 */
@Module({
  imports: [AuthModule, ProductsModule, TypeOrmModule.forFeature([Call, CallbackRequest])],
  controllers: [VideoCallController, CallsController, CallbacksController],
  providers: [CallsService, CallbacksService, PresenceService, IceServersService, CallGateway],
  exports: [CallsService, CallbacksService, PresenceService],
})
export class CallsModule {}
