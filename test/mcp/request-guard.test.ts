import { describe, expect, it } from 'vitest';
import { refuseForeignRequest } from '../../src/mcp/http/request-guard.js';

const local = { host: '127.0.0.1', port: 3000, allowedOrigins: ['https://console.example.com'] };

describe('refuseForeignRequest (DNS rebinding guard)', () => {
  it.each([
    ['no Origin (a non-browser client)', { host: '127.0.0.1:3000' }],
    ['localhost origin of our port', { origin: 'http://localhost:3000', host: 'localhost:3000' }],
    ['127.0.0.1 origin of our port', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }],
    ['IPv6 loopback origin', { origin: 'http://[::1]:3000', host: '[::1]:3000' }],
    [
      'an allowed origin, with its own host',
      { origin: 'https://console.example.com', host: 'console.example.com' },
    ],
    ['host in upper case', { host: 'LOCALHOST:3000' }],
  ])('lets through %s', (_label, headers) => {
    expect(refuseForeignRequest(headers, local)).toBeUndefined();
  });

  it.each([
    [
      'a foreign origin',
      { origin: 'http://evil.example', host: '127.0.0.1:3000' },
      /Origin "http:\/\/evil.example" is not allowed.*mcp.allowedOrigins/,
    ],
    [
      'localhost origin of another port',
      { origin: 'http://localhost:8080', host: 'localhost:3000' },
      /not allowed/,
    ],
    ['the opaque "null" origin', { origin: 'null', host: 'localhost:3000' }, /not allowed/],
    [
      'a rebound host name',
      { host: 'attacker.example:3000' },
      /Host "attacker.example:3000" is not this server/,
    ],
    ['our host on another port', { host: '127.0.0.1:4000' }, /is not this server/],
    ['no Host at all', {}, /Host "" is not this server/],
  ])('refuses %s', (_label, headers, reason) => {
    expect(refuseForeignRequest(headers, local)).toMatch(reason);
  });

  it('accepts any Host when bound to every interface, but still checks Origin', () => {
    const everywhere = { host: '0.0.0.0', port: 3000, allowedOrigins: [] };
    expect(refuseForeignRequest({ host: 'ai4k8s.tools.svc:3000' }, everywhere)).toBeUndefined();
    expect(
      refuseForeignRequest(
        { host: 'ai4k8s.tools.svc:3000', origin: 'http://evil.example' },
        everywhere,
      ),
    ).toMatch(/not allowed/);
  });
});
