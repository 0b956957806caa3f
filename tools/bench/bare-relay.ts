// A bare Socket.io relay: the same call flow as the API's signaling (ring, accept, relay
// signals, hang up) with no authentication, database or validation. The benchmark measures
// it in the same run as the real API, as the floor to compare against.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env['PORT'] ?? 0);
const http = createServer();
const io = new Server(http, { path: '/socket.io', transports: ['websocket'] });
const calls = io.of('/calls');

calls.on('connection', (socket) => {
  const userId = String(socket.handshake.auth['userId'] ?? socket.id);
  socket.join(`user:${userId}`);
  socket.emit('session:ready', { userId });
  socket.on('call', (p: { to: string; callId: string }, ack?: (r: unknown) => void) => {
    calls.to(`user:${p.to}`).emit('call:incoming', { callId: p.callId, from: userId, device: socket.id });
    ack?.({ ok: true });
  });
  socket.on('call:accept', (p: { callId: string; device: string }, ack?: (r: unknown) => void) => {
    calls.to(p.device).emit('call:accepted', { callId: p.callId, deviceId: socket.id });
    ack?.({ ok: true });
  });
  socket.on(
    'call:signal',
    (p: { callId: string; to: string; signal: unknown }, ack?: (r: unknown) => void) => {
      calls.to(p.to).emit('call:signal', { callId: p.callId, signal: p.signal });
      ack?.({ ok: true });
    },
  );
  socket.on('call:hangup', (p: { callId: string; to: string }, ack?: (r: unknown) => void) => {
    calls.to(p.to).emit('call:ended', { callId: p.callId });
    ack?.({ ok: true });
  });
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address() as { port: number };
  process.stdout.write(`LISTENING ${address.port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
