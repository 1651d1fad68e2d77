import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

/**
 * A keep-alive agent for this URL's protocol. Reusing connections to Slack saves a TCP (and TLS)
 * handshake per call, which is most of a call's cost under load.
 */
export function keepAliveAgent(url: string): HttpAgent | HttpsAgent {
  return url.startsWith('http://') ? agents.http : agents.https;
}
