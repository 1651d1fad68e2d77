#!/usr/bin/env node
// Exit 0 when a Redis server answers PING at the given URL (default 127.0.0.1:6379).
import { connect } from 'node:net';

const url = new URL(process.argv[2] ?? 'redis://127.0.0.1:6379');
const socket = connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
const fail = () => {
  socket.destroy();
  process.exit(1);
};
socket.setTimeout(1000, fail);
socket.on('error', fail);
socket.on('connect', () => socket.write('PING\r\n'));
socket.on('data', (data) => {
  socket.destroy();
  process.exit(data.toString().startsWith('+PONG') ? 0 : 1);
});
