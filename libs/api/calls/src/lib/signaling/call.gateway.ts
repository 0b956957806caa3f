import {
  HttpException,
  Inject,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import { SkipThrottle } from '@nestjs/throttler';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Namespace, Socket } from 'socket.io';
import {
  CALL_SOCKET_NAMESPACE,
  CALL_SOCKET_PATH,
  SIGNAL_LIMITS,
  type CallBinding,
  type CallClientEvents,
  type CallServerEvents,
  type SocketError,
  type SocketErrorCode,
} from '@callshop/contracts';
import { appConfig, callsConfig } from '@callshop/api/core';
import { AuthService, type AuthUser } from '@callshop/api/auth';
import {
  CallAnsweredEvent,
  CallbackRequestedEvent,
  CallbackUpdatedEvent,
  CallEndedEvent,
  CallStartedEvent,
} from './call-events';
import { participation } from './call-state';
import { CallsService, type DeviceBinding } from './calls.service';
import { PresenceService, type CallSocketData } from './presence.service';
import { rooms } from './rooms';
import {
  allowMessage,
  isOriginAllowed,
  parseAvailability,
  parseCallId,
  parseInitiate,
  parseResume,
  parseShopId,
  parseSignal,
  type Parsed,
} from './socket-payloads';

type CallSocket = Socket<CallClientEvents, CallServerEvents, Record<string, never>, CallSocketData>;
type CallNamespace = Namespace<CallClientEvents, CallServerEvents, Record<string, never>, CallSocketData>;
type Reply = object;

const RATE_LIMITED = {
  ok: false,
  error: { code: 'RATE_LIMITED', message: 'Too many messages: slow down' },
} as const;

type CallBindingRow = NonNullable<Awaited<ReturnType<CallsService['findBinding']>>>;

const BINDING_TTL_MS = 10_000;
const MAX_CACHED_BINDINGS = 50_000;
const BINDING_CHANGED = 'calls:binding-changed';

/** Watching more shops than this from one socket is refused. */
const MAX_PRESENCE_SUBSCRIPTIONS = 50;

const STATUS_CODES: Record<number, SocketErrorCode> = {
  400: 'INVALID_PAYLOAD',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** A refusal raised inside a handler, acknowledged as `{ ok: false, error }`. */
class SocketFailure extends Error {
  constructor(readonly error: SocketError) {
    super(error.message);
  }
}

const fail = (code: SocketErrorCode, message: string): never => {
  throw new SocketFailure({ code, message });
};

function must<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new SocketFailure(parsed.error);
  return parsed.value;
}

const binding = (b: DeviceBinding): CallBinding => ({ call: b.record.call, role: b.role, polite: b.polite });

/**
 * Signaling over Socket.io (namespace `/calls`). The handshake is authenticated in a
 * namespace middleware; every message is validated, rate limited and authorized, and every
 * refusal is an acknowledgement `{ ok: false, error }`. Pushes go to rooms (a user's devices,
 * a shop's staff, one device), never to everyone. SDP and candidates are never logged.
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
export class CallGateway
  implements
    OnGatewayInit,
    OnGatewayConnection,
    OnGatewayDisconnect,
    OnApplicationBootstrap,
    OnModuleDestroy,
    OnApplicationShutdown
{
  private readonly logger = new Logger('CallGateway');
  private redis: Redis[] = [];
  /**
   * Parties and bound devices of accepted calls that local sockets signal in, so a relayed
   * signal does not read PostgreSQL each time. An entry is dropped whenever the binding
   * changes (answer, resume, device lost, end) on this instance, on a `calls:binding-changed`
   * message from another instance, and after `BINDING_TTL_MS` at the latest.
   */
  private readonly bindings = new Map<string, { binding: CallBindingRow; expires: number }>();
  /** Set while the application shuts down: sockets closing then are not calls dropping (the next start-up sweeps). */
  private closing = false;

  @WebSocketServer()
  server!: CallNamespace;

  constructor(
    private readonly auth: AuthService,
    private readonly calls: CallsService,
    private readonly presence: PresenceService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
  ) {}

  afterInit(namespace: CallNamespace): void {
    this.presence.attach(namespace as unknown as Namespace);
    namespace.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (!isOriginAllowed(origin, host, this.app.corsOrigins, this.app.publicUrl)) {
        return next(new Error('origin not allowed'));
      }
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || !token || token.length > 4096) return next(new Error('unauthorized'));
      this.auth.verifyToken(token).then(
        (user) => {
          socket.data = { user, available: true, rate: { windowStart: Date.now(), count: 0 } };
          next();
        },
        () => next(new Error('unauthorized')),
      );
    });
  }

  // ---------------------------------------------------------------- connection

  async handleConnection(socket: CallSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    socket.onAny((event: string, ...args: unknown[]) => void this.dispatch(socket, event, args));
    try {
      const others = await this.server.in(rooms.user(user.id)).fetchSockets();
      socket.join(rooms.user(user.id));
      if (user.shopId) {
        // Availability is per user and lives in the rooms of their connected sockets (on every
        // instance): a new device follows the choice made on the others; a first one starts available.
        const available = others.length
          ? others.some((s) => s.rooms.has(rooms.shopAvailable(user.shopId!)))
          : true;
        socket.data.available = available;
        socket.join(rooms.shop(user.shopId));
        if (available) socket.join(rooms.shopAvailable(user.shopId));
      }
      const { active, ringing } = await this.calls.sessionCalls(user);
      socket.emit('session:ready', {
        userId: user.id,
        ...(user.shopId
          ? {
              shopId: user.shopId,
              available: socket.data.available,
              availabilityFrom: others.length ? ('devices' as const) : ('default' as const),
            }
          : {}),
        activeCall: active?.call ?? null,
      });
      if (!user.shopId || socket.data.available) {
        for (const r of ringing) socket.emit('call:incoming', { call: r.call });
      }
      if (user.shopId) await this.pushShopPresence(user.shopId);
      else if (others.length === 0) await this.pushCustomerPresence(user.id, true);
    } catch (e) {
      this.logger.warn(`Setting up socket of user ${user.id} failed: ${(e as Error).message}`);
    }
  }

  /**
   * With `REDIS_URL`, installs the Socket.io Redis adapter so rooms, pushes and presence span
   * every API instance; then lets the call service close what a previous run left behind
   * (which asks every instance which sockets still exist, hence after the adapter).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.app.redisUrl) {
      const pub = new Redis(this.app.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      const sub = pub.duplicate();
      this.redis = [pub, sub];
      await Promise.all([pub.connect(), sub.connect()]);
      this.server.server.adapter(createAdapter(pub, sub, { key: 'callshop' }));
      this.server.on(BINDING_CHANGED, (callId: unknown) => {
        if (typeof callId === 'string') this.bindings.delete(callId);
      });
      this.logger.log('Socket.io Redis adapter installed: calls and presence span every instance');
    }
    await this.calls.start();
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.redis.map((r) => r.quit().catch(() => undefined)));
  }

  async handleDisconnect(socket: CallSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user || this.closing) return;
    try {
      for (const { record, side } of await this.calls.deviceLost(socket.id)) {
        this.forgetBinding(record.call.id);
        const other = side === 'caller' ? record.calleeDeviceId : record.callerDeviceId;
        if (record.call.status === 'accepted' && other) {
          this.server.to(other).emit('call:peer-disconnected', {
            callId: record.call.id,
            graceMs: this.config.reconnectGraceMs,
          });
        }
      }
      if (user.shopId) {
        const presence = await this.pushShopPresence(user.shopId);
        if (!presence.available) this.calls.calleeMayBeGone({ shopId: user.shopId });
      } else if (!(await this.presence.isUserOnline(user.id))) {
        await this.pushCustomerPresence(user.id, false);
        this.calls.calleeMayBeGone({ customerId: user.id });
      }
    } catch (e) {
      this.logger.warn(`Cleaning up socket of user ${user.id} failed: ${(e as Error).message}`);
    }
  }

  // ---------------------------------------------------------------- messages

  private initiate(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => ({
      call: await this.calls.initiate(user, { ...must(parseInitiate(body)), deviceId: socket.id }, true),
    }));
  }

  private accept(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => {
      const { callId } = must(parseCallId(body));
      return binding(await this.calls.accept(user, callId, socket.id));
    });
  }

  private decline(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => ({
      call: await this.calls.decline(user, must(parseCallId(body)).callId),
    }));
  }

  private cancel(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => ({
      call: await this.calls.cancel(user, must(parseCallId(body)).callId),
    }));
  }

  private hangup(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => ({
      call: await this.calls.hangup(user, must(parseCallId(body)).callId),
    }));
  }

  private resume(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => {
      const { callId, fresh } = must(parseResume(body));
      const b = await this.calls.resume(user, callId, socket.id);
      this.forgetBinding(callId);
      const other = b.role === 'caller' ? b.record.calleeDeviceId : b.record.callerDeviceId;
      // A new page always tells the other device (it must start a new connection too), even
      // when its old socket's drop has not been seen yet.
      if ((b.reconnected || fresh) && other)
        this.server.to(other).emit('call:peer-reconnected', { callId, fresh });
      return binding(b);
    });
  }

  /** Drops a call's cached binding here and on every other instance. */
  private forgetBinding(callId: string): void {
    this.bindings.delete(callId);
    if (this.redis.length) this.server.serverSideEmit(BINDING_CHANGED, callId);
  }

  private async bindingOf(callId: string): Promise<CallBindingRow | null> {
    const cached = this.bindings.get(callId);
    if (cached && cached.expires > Date.now()) return cached.binding;
    const binding = await this.calls.findBinding(callId);
    this.rememberBinding(callId, binding);
    return binding;
  }

  /** Caches the binding of an accepted call with both devices bound; forgets anything else. */
  private rememberBinding(callId: string, binding: CallBindingRow | null): void {
    if (binding?.status === 'accepted' && binding.callerDeviceId && binding.calleeDeviceId) {
      if (this.bindings.size >= MAX_CACHED_BINDINGS) this.bindings.clear();
      this.bindings.set(callId, { binding, expires: Date.now() + BINDING_TTL_MS });
    } else {
      this.bindings.delete(callId);
    }
  }

  /** Relays negotiation between the two devices bound to an accepted call, and nobody else. */
  private signal(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => {
      const message = must(parseSignal(body));
      const record = await this.bindingOf(message.callId);
      if (!record || !participation(record, user)) {
        return fail('FORBIDDEN', 'You are not a party to a call with this id');
      }
      const { status, callerDeviceId, calleeDeviceId } = record;
      if (status !== 'accepted') fail('NOT_IN_CALL', `The call is ${status}`);
      let target: string | null;
      if (socket.id === callerDeviceId) target = calleeDeviceId;
      else if (socket.id === calleeDeviceId) target = callerDeviceId;
      else return fail('NOT_IN_CALL', 'This device is not bound to the call: send call:resume first');
      if (!target) fail('CONFLICT', 'The other device is reconnecting');
      this.server.to(target as string).emit('call:signal', message);
      return {};
    });
  }

  private subscribe(socket: CallSocket, body: unknown) {
    return this.handle(socket, async () => {
      const { shopId } = must(parseShopId(body));
      const room = rooms.presence(shopId);
      const watching = [...socket.rooms].filter((r) => r.startsWith('presence:')).length;
      if (!socket.rooms.has(room) && watching >= MAX_PRESENCE_SUBSCRIPTIONS) {
        fail('RATE_LIMITED', `A socket watches at most ${MAX_PRESENCE_SUBSCRIPTIONS} shops`);
      }
      const info = await this.calls.sellerInfo(shopId, false);
      socket.join(room);
      return { presence: { shopId, online: info.online, available: info.available } };
    });
  }

  private unsubscribe(socket: CallSocket, body: unknown) {
    return this.handle(socket, async () => {
      socket.leave(rooms.presence(must(parseShopId(body)).shopId));
      return {};
    });
  }

  /**
   * A seller takes calls or not, on all their devices (on every instance, through the adapter),
   * and each of those devices is told with `presence:self` so its switch follows.
   */
  private setAvailable(socket: CallSocket, body: unknown) {
    return this.handle(socket, async (user) => {
      if (!user.shopId) fail('FORBIDDEN', 'Only sellers set their availability');
      const shopId = user.shopId as string;
      const { available } = must(parseAvailability(body));
      const devices = this.server.in(rooms.user(user.id));
      if (available) devices.socketsJoin(rooms.shopAvailable(shopId));
      else devices.socketsLeave(rooms.shopAvailable(shopId));
      for (const s of await this.server.in(rooms.user(user.id)).local.fetchSockets())
        s.data.available = available;
      this.server.to(rooms.user(user.id)).emit('presence:self', { available });
      const presence = await this.pushShopPresence(shopId);
      if (!presence.available) this.calls.calleeMayBeGone({ shopId });
      return { presence };
    });
  }

  /**
   * Client messages, dispatched from one `onAny` listener per socket (rather than one
   * listener pipeline per event and socket), which keeps an idle connection small.
   */
  private readonly handlers: Record<
    keyof CallClientEvents,
    (socket: CallSocket, body: unknown) => Promise<Reply>
  > = {
    'call:initiate': (s, b) => this.initiate(s, b),
    'call:accept': (s, b) => this.accept(s, b),
    'call:decline': (s, b) => this.decline(s, b),
    'call:cancel': (s, b) => this.cancel(s, b),
    'call:hangup': (s, b) => this.hangup(s, b),
    'call:resume': (s, b) => this.resume(s, b),
    'call:signal': (s, b) => this.signal(s, b),
    'presence:subscribe': (s, b) => this.subscribe(s, b),
    'presence:unsubscribe': (s, b) => this.unsubscribe(s, b),
    'presence:set-available': (s, b) => this.setAvailable(s, b),
  };

  private async dispatch(socket: CallSocket, event: string, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: Reply) => void) : null;
    const handler = Object.hasOwn(this.handlers, event)
      ? this.handlers[event as keyof CallClientEvents]
      : null;
    let reply: Reply;
    if (handler) reply = await handler(socket, args[0]);
    else if (!allowMessage(socket.data.rate, SIGNAL_LIMITS.messagesPerSecond)) reply = RATE_LIMITED;
    else
      reply = {
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: `Unknown event ${String(event).slice(0, 64)}` },
      };
    ack?.(reply);
  }

  private async handle(socket: CallSocket, run: (user: AuthUser) => Promise<Reply>): Promise<Reply> {
    if (!allowMessage(socket.data.rate, SIGNAL_LIMITS.messagesPerSecond)) return RATE_LIMITED;
    try {
      return { ok: true, ...(await run(socket.data.user)) };
    } catch (e) {
      return { ok: false, error: this.toSocketError(e) };
    }
  }

  private toSocketError(e: unknown): SocketError {
    if (e instanceof SocketFailure) return e.error;
    if (e instanceof HttpException) {
      const response = e.getResponse();
      const message =
        typeof response === 'object' && response && 'message' in response
          ? String((response as { message: unknown }).message)
          : e.message;
      return { code: STATUS_CODES[e.getStatus()] ?? 'INTERNAL', message };
    }
    this.logger.error(`Socket handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { code: 'INTERNAL', message: 'Something went wrong on our side' };
  }

  // ---------------------------------------------------------------- presence pushes

  private async pushShopPresence(shopId: string) {
    const presence = await this.presence.shopPresence(shopId);
    this.server.to([rooms.presence(shopId), rooms.shop(shopId)]).emit('presence:shop', presence);
    return presence;
  }

  /** A customer's online status goes only to shops they contacted. */
  private async pushCustomerPresence(customerId: string, online: boolean): Promise<void> {
    const shops = await this.calls.contactedShops(customerId);
    if (shops.length) this.server.to(shops.map(rooms.shop)).emit('presence:customer', { customerId, online });
  }

  // ---------------------------------------------------------------- domain events -> pushes

  @OnEvent(CallStartedEvent.NAME)
  onCallStarted(e: CallStartedEvent): void {
    const { call } = e.record;
    if (call.initiatedBy === 'customer') {
      this.server
        .to(rooms.shopAvailable(call.shop.id))
        .except(e.busyStaffIds.map(rooms.user))
        .emit('call:incoming', { call });
    } else {
      this.server.to(rooms.user(call.customer.id)).emit('call:incoming', { call });
    }
  }

  @OnEvent(CallAnsweredEvent.NAME)
  onCallAnswered(e: CallAnsweredEvent): void {
    const { call, callerDeviceId, calleeDeviceId, staffId, customerId, shopId, initiatedBy } = e.record;
    // Other instances drop what they held; here the committed answer is the binding, so the
    // offer and answer that follow at once are relayed without reading it back.
    this.forgetBinding(call.id);
    this.rememberBinding(call.id, {
      status: call.status,
      customerId,
      shopId,
      staffId,
      initiatedBy,
      callerDeviceId,
      calleeDeviceId,
    });
    const byCustomer = call.initiatedBy === 'customer';
    const callerRoom = byCustomer ? rooms.user(call.customer.id) : rooms.user(staffId ?? '');
    const calleeRoom = byCustomer ? rooms.shop(call.shop.id) : rooms.user(call.customer.id);
    this.server
      .to(callerRoom)
      .emit('call:accepted', { call, role: 'caller', polite: false, deviceId: callerDeviceId ?? '' });
    if (calleeDeviceId) {
      this.server
        .to(calleeDeviceId)
        .emit('call:accepted', { call, role: 'callee', polite: true, deviceId: calleeDeviceId });
      const answeredBy = byCustomer ? (call.staff ?? { id: '', name: '' }) : call.customer;
      this.server
        .to(calleeRoom)
        .except(calleeDeviceId)
        .emit('call:answered-elsewhere', { callId: call.id, answeredBy });
    }
  }

  @OnEvent(CallEndedEvent.NAME)
  onCallEnded(e: CallEndedEvent): void {
    this.forgetBinding(e.record.call.id);
    const { call } = e.record;
    this.server.to([rooms.user(call.customer.id), rooms.shop(call.shop.id)]).emit('call:ended', { call });
  }

  @OnEvent(CallbackRequestedEvent.NAME)
  @OnEvent(CallbackUpdatedEvent.NAME)
  onCallback(e: CallbackRequestedEvent | CallbackUpdatedEvent): void {
    this.server.to(rooms.shop(e.shopId)).emit('callback:updated', { callback: e.callback });
    const { customerPhone: _shopOnly, ...forCustomer } = e.callback;
    this.server.to(rooms.user(e.customerId)).emit('callback:updated', { callback: forCustomer });
  }
}
