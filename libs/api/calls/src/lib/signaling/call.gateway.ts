import { Inject, Logger, OnModuleDestroy, type Type } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { SkipThrottle } from '@nestjs/throttler';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  CALL_SOCKET_NAMESPACE,
  CALL_SOCKET_PATH,
  SIGNAL_LIMITS,
  type CallBinding,
  type CallClientEvents,
  type SocketError,
} from '@callshop/contracts';
import { appConfig, callsConfig, CodedException, describeError, validatePayload } from '@callshop/api/core';
import { AuthService, type AuthUser } from '@callshop/api/auth';
import { CallChat } from '../chat/call-chat.service';
import { CallHistory } from '../history/call-history.service';
import { callRequestFrom } from '../lifecycle/call-request';
import { CallDeadlines } from '../lifecycle/call-deadlines.service';
import { CallLifecycle, type DeviceBinding } from '../lifecycle/call-lifecycle.service';
import { CallMedia } from '../lifecycle/call-media.service';
import { CallStarter } from '../lifecycle/call-starter.service';
import { CustomerSockets } from '../limits/customer-sockets';
import { participation } from '../model/call-state';
import { PresenceService } from '../presence/presence.service';
import { rooms } from '../presence/rooms';
import { SellerInfoService } from '../presence/seller-info.service';
import { LineJoinDto, LineLeaveDto } from '../queue/waiting-line.dto';
import { WaitingLine } from '../queue/waiting-line.service';
import { BindingCache } from './binding-cache';
import { CallPushes } from './call-pushes.listener';
import { CallsNamespace, type CallNamespace, type CallSocket } from './calls-namespace';
import { allowMessage, authenticateHandshake } from './socket-guards';
import {
  AvailabilityDto,
  CallIdDto,
  ChatProductDto,
  ChatTextDto,
  MediaReportDto,
  QualityReportDto,
  ResumeDto,
  ShopIdDto,
  SignalMessageDto,
  SocketInitiateDto,
  toQualitySample,
  toSignalMessage,
} from './socket-payloads.dto';

type Reply = object;
type Handler = (socket: CallSocket, body: unknown) => Promise<Reply>;

const RATE_LIMITED = {
  ok: false,
  error: { code: 'RATE_LIMITED', message: 'Too many messages: slow down' },
} as const;

/** Watching more shops than this from one socket is refused. */
const MAX_PRESENCE_SUBSCRIPTIONS = 50;

const binding = (b: DeviceBinding): CallBinding => ({ call: b.record.call, role: b.role, polite: b.polite });

/**
 * Signaling over Socket.io (namespace `/calls`), as a transport: it authenticates the
 * handshake, turns each message into a use case of the calls library (validated with the
 * REST DTO pipe, rate limited, refusals acknowledged `{ ok: false, error }` with the codes of
 * the one error map), and reports connects and disconnects. Pushes live in {@link CallPushes}.
 * SDP and candidates are never logged.
 */
@SkipThrottle()
@WebSocketGateway({
  namespace: CALL_SOCKET_NAMESPACE,
  path: CALL_SOCKET_PATH,
  // Browsers' origins are checked against the allow-list in the namespace middleware (which
  // answers `origin not allowed`); the transport itself only needs to let the handshake through.
  cors: { origin: true, credentials: true },
  // Room for the largest SDP allowed plus framing; larger frames close the connection.
  maxHttpBufferSize: SIGNAL_LIMITS.sdpMax * 2 + 16 * 1024,
})
export class CallGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('CallGateway');
  /** Set while the application shuts down: sockets closing then are not calls dropping (the next start-up sweeps). */
  private closing = false;

  constructor(
    private readonly auth: AuthService,
    private readonly starter: CallStarter,
    private readonly lifecycle: CallLifecycle,
    private readonly media: CallMedia,
    private readonly deadlines: CallDeadlines,
    private readonly history: CallHistory,
    private readonly sellers: SellerInfoService,
    private readonly presence: PresenceService,
    private readonly pushes: CallPushes,
    private readonly bindings: BindingCache,
    private readonly namespace: CallsNamespace,
    private readonly customerSockets: CustomerSockets,
    private readonly chat: CallChat,
    private readonly line: WaitingLine,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
  ) {}

  afterInit(namespace: CallNamespace): void {
    this.namespace.attach(namespace);
    this.bindings.listen();
    namespace.use(authenticateHandshake(this.auth, this.app));
    namespace.use(this.customerSockets.middleware(namespace));
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  async handleConnection(socket: CallSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    socket.onAny((event: string, ...args: unknown[]) => void this.dispatch(socket, event, args));
    try {
      const { hadOtherDevices } = await this.presence.join(socket, user);
      const { active, ringing } = await this.history.sessionCalls(user);
      socket.emit('session:ready', {
        userId: user.id,
        ...(user.shopId
          ? {
              shopId: user.shopId,
              available: socket.data.available,
              availabilityFrom: hadOtherDevices ? ('devices' as const) : ('default' as const),
            }
          : {}),
        activeCall: active?.call ?? null,
      });
      if (!user.shopId || socket.data.available) {
        for (const r of ringing) socket.emit('call:incoming', { call: r.call });
      }
      if (user.shopId) await this.pushes.shopPresence(user.shopId);
      else if (!hadOtherDevices) await this.pushes.customerPresence(user.id, true);
      if (!user.shopId) await this.line.greet(socket.id, user.id);
    } catch (e) {
      this.logger.warn(`Setting up socket of user ${user.id} failed: ${(e as Error).message}`);
    }
  }

  async handleDisconnect(socket: CallSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user || this.closing) return;
    try {
      for (const { record, side } of await this.deadlines.deviceLost(socket.id)) {
        this.bindings.forget(record.call.id);
        const other = side === 'caller' ? record.calleeDeviceId : record.callerDeviceId;
        if (record.call.status === 'accepted' && other) {
          this.pushes.peerDisconnected(other, record.call.id, this.config.reconnectGraceMs);
        }
      }
      if (user.shopId) {
        const presence = await this.pushes.shopPresence(user.shopId);
        if (!presence.available) this.deadlines.calleeMayBeGone({ shopId: user.shopId });
      } else if (!(await this.presence.isUserOnline(user.id))) {
        await this.pushes.customerPresence(user.id, false);
        this.deadlines.calleeMayBeGone({ customerId: user.id });
      }
    } catch (e) {
      this.logger.warn(`Cleaning up socket of user ${user.id} failed: ${(e as Error).message}`);
    }
  }

  /**
   * Client messages, dispatched from one `onAny` listener per socket (rather than one
   * listener pipeline per event and socket), which keeps an idle connection small.
   */
  private readonly handlers: Record<keyof CallClientEvents, Handler> = {
    'call:initiate': this.on(SocketInitiateDto, async (socket, user, body) => ({
      call: await this.starter.start(user, callRequestFrom(user, { ...body, deviceId: socket.id }), true),
    })),
    'call:accept': this.on(CallIdDto, async (socket, user, { callId }) => ({
      ...binding(await this.lifecycle.accept(user, callId, socket.id)),
      // The caller negotiated while it rang: this device answers what was held for it.
      signals: await this.lifecycle.takeHeldSignals(callId),
    })),
    'call:decline': this.on(CallIdDto, async (_socket, user, { callId }) => ({
      call: await this.lifecycle.decline(user, callId),
    })),
    'call:cancel': this.on(CallIdDto, async (_socket, user, { callId }) => ({
      call: await this.lifecycle.cancel(user, callId),
    })),
    'call:hangup': this.on(CallIdDto, async (_socket, user, { callId }) => ({
      call: await this.lifecycle.hangup(user, callId),
    })),
    'call:resume': this.on(ResumeDto, (socket, user, body) => this.resume(socket, user, body)),
    'call:media': this.on(MediaReportDto, async (socket, _user, { callId, flowing }) => {
      await this.media.report(callId, socket.id, flowing);
      return {};
    }),
    'call:quality': this.on(QualityReportDto, (socket, _user, { callId, sample }) =>
      this.media.sample(callId, socket.id, toQualitySample(sample)),
    ),
    'call:signal': this.on(SignalMessageDto, (socket, user, body) => this.relay(socket, user, body), {
      strip: true,
    }),
    'call:message': this.on(ChatTextDto, (_socket, user, body) => this.chat.sendText(user, body)),
    'call:product': this.on(ChatProductDto, (_socket, user, body) => this.chat.sendProduct(user, body)),
    'presence:subscribe': this.on(ShopIdDto, (socket, _user, { shopId }) => this.subscribe(socket, shopId)),
    'presence:unsubscribe': this.on(ShopIdDto, async (socket, _user, { shopId }) => {
      socket.leave(rooms.presence(shopId));
      return {};
    }),
    'presence:set-available': this.on(AvailabilityDto, (_socket, user, { available }) =>
      this.setAvailable(user, available),
    ),
    'line:join': this.on(LineJoinDto, async (socket, user, { sellerId, productId, type }) => ({
      entry: await this.line.join(
        user,
        sellerId,
        { productId, type: type ?? 'video', deviceId: socket.id },
        true,
      ),
    })),
    'line:leave': this.on(LineLeaveDto, async (_socket, user, { shopId }) => ({
      entry: await this.line.leave(user, shopId),
    })),
  };

  private async resume(socket: CallSocket, user: AuthUser, { callId, fresh }: ResumeDto): Promise<Reply> {
    const b = await this.lifecycle.resume(user, callId, socket.id, fresh === true);
    this.bindings.forget(callId);
    const other = b.role === 'caller' ? b.record.calleeDeviceId : b.record.callerDeviceId;
    // A new page always tells the other device (it must start a new connection too), even
    // when its old socket's drop has not been seen yet.
    if ((b.reconnected || fresh) && other) this.pushes.peerReconnected(other, callId, fresh === true);
    // A `restored` sent while this device was away went nowhere: it hears where the other side stands.
    const otherFlowing = b.role === 'caller' ? b.record.calleeMedia : b.record.callerMedia;
    if (b.record.call.status === 'accepted' && b.record.call.connectedAt && !otherFlowing)
      this.pushes.peerConnection(socket.id, callId, 'interrupted');
    return binding(b);
  }

  /**
   * Relays negotiation between the two devices bound to an accepted call, and nobody else.
   * While the call rings, what the caller's device sends is held for the device that answers.
   */
  private async relay(socket: CallSocket, user: AuthUser, body: SignalMessageDto): Promise<Reply> {
    const message = toSignalMessage(body);
    let call = await this.bindings.get(message.callId);
    if (!call || !participation(call, user)) {
      throw new CodedException(403, 'FORBIDDEN', 'You are not a party to a call with this id');
    }
    if (call.status === 'ringing' && socket.id === call.callerDeviceId) {
      const max = SIGNAL_LIMITS.heldWhileRinging;
      const held = await this.lifecycle.holdSignal(message.callId, socket.id, message.signal, max);
      if (held === 'held') return {};
      if (held === 'full')
        throw new CodedException(429, 'RATE_LIMITED', `At most ${max} messages are held while a call rings`);
      // Answered (or over) meanwhile: as any other message from here on.
      call = await this.bindings.get(message.callId);
      if (!call) throw new CodedException(403, 'FORBIDDEN', 'You are not a party to a call with this id');
    }
    if (call.status !== 'accepted')
      throw new CodedException(409, 'NOT_IN_CALL', `The call is ${call.status}`);
    let target: string | null;
    if (socket.id === call.callerDeviceId) target = call.calleeDeviceId;
    else if (socket.id === call.calleeDeviceId) target = call.callerDeviceId;
    else
      throw new CodedException(
        409,
        'NOT_IN_CALL',
        'This device is not bound to the call: send call:resume first',
      );
    if (!target) throw new CodedException(409, 'CONFLICT', 'The other device is reconnecting');
    socket.nsp.to(target).emit('call:signal', message);
    return {};
  }

  private async subscribe(socket: CallSocket, shopId: string): Promise<Reply> {
    const room = rooms.presence(shopId);
    const watching = [...socket.rooms].filter((r) => r.startsWith('presence:')).length;
    if (!socket.rooms.has(room) && watching >= MAX_PRESENCE_SUBSCRIPTIONS) {
      throw new CodedException(
        429,
        'RATE_LIMITED',
        `A socket watches at most ${MAX_PRESENCE_SUBSCRIPTIONS} shops`,
      );
    }
    const info = await this.sellers.shop(shopId, false);
    socket.join(room);
    return { presence: { shopId, online: info.online, available: info.available } };
  }

  /**
   * A seller takes calls or not, on all their devices, and each of those devices is told with
   * `presence:self` so its switch follows.
   */
  private async setAvailable(user: AuthUser, available: boolean): Promise<Reply> {
    const shopId = user.shopId;
    if (!shopId) throw new CodedException(403, 'FORBIDDEN', 'Only sellers set their availability');
    await this.presence.setAvailable({ ...user, shopId }, available);
    this.pushes.selfAvailability(user.id, available);
    const presence = await this.pushes.shopPresence(shopId);
    if (!presence.available) this.deadlines.calleeMayBeGone({ shopId });
    return { presence };
  }

  /** A handler: checks the body against `dto`, then runs the use case as the socket's user. */
  private on<T extends object>(
    dto: Type<T>,
    run: (socket: CallSocket, user: AuthUser, body: T) => Promise<Reply>,
    options: { strip?: boolean } = {},
  ): Handler {
    return async (socket, body) => run(socket, socket.data.user, await validatePayload(dto, body, options));
  }

  private async dispatch(socket: CallSocket, event: string, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: Reply) => void) : null;
    let reply: Reply;
    if (!allowMessage(socket.data.rate, SIGNAL_LIMITS.messagesPerSecond)) reply = RATE_LIMITED;
    else if (!Object.hasOwn(this.handlers, event)) {
      reply = {
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: `Unknown event ${String(event).slice(0, 64)}` },
      };
    } else {
      try {
        reply = { ok: true, ...(await this.handlers[event as keyof CallClientEvents](socket, args[0])) };
      } catch (e) {
        reply = { ok: false, error: this.toSocketError(e) };
      }
    }
    ack?.(reply);
  }

  private toSocketError(e: unknown): SocketError {
    const { code, message, expected } = describeError(e);
    if (!expected) {
      this.logger.error(`Socket handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    return { code, message };
  }
}
