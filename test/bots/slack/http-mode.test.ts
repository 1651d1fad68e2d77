import { beforeAll, describe, expect, it } from 'vitest';
import {
  sendSignedRequest,
  slashCommandRequest,
  slackSignature,
  fakeSigningSecret,
} from '../../fakes/slack/index.js';
import { useSimTestCluster } from '../../support/sim.js';
import { opsChannel } from './support/slack-fixture.js';
import { useSlackFixture } from './support/use-slack-fixture.js';

// HTTP mode on the serve server: only correctly signed, fresh, well-formed requests reach Bolt;
// everything else is refused with the right status and the process keeps serving.

const sim = useSimTestCluster({ scenario: 'demo' });
const slack = useSlackFixture(sim);
let fx: ReturnType<typeof slack>;
beforeAll(() => {
  fx = slack();
});

async function post(
  body: string,
  headers: Record<string, string>,
  contentType = 'application/json',
): Promise<Response> {
  return fetch(fx.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}

function signedHeaders(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(fakeSigningSecret, timestamp, body),
  };
}

describe('Slack HTTP mode: request verification', () => {
  it('acknowledges a correctly signed slash command and answers at its response_url', async () => {
    const { status, body, responseUrlId } = await fx.slash('whoami', 'operator');
    expect(status).toBe(200);
    expect(body).toBe('');
    const answer = await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === responseUrlId),
      'the whoami answer',
    );
    expect(JSON.stringify(answer.body)).toContain('operator');
  });

  it('refuses bad signatures, stale or future timestamps and missing headers with 401, before the agent runs', async () => {
    const responseUrl = fx.fake.responseUrl(opsChannel);
    const request = slashCommandRequest({
      text: 'pods',
      userId: 'U_ADMIN',
      channelId: opsChannel,
      responseUrl,
    });
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await sendSignedRequest(fx.eventsUrl, request, { secret: 'not-the-secret' }),
      await sendSignedRequest(fx.eventsUrl, request, { signature: `v0=${'0'.repeat(64)}` }),
      await sendSignedRequest(fx.eventsUrl, request, { signature: 'v1=abc' }),
      await sendSignedRequest(fx.eventsUrl, request, { timestamp: now - 6 * 60 }),
      await sendSignedRequest(fx.eventsUrl, request, { timestamp: now + 6 * 60 }),
      await post(request.body, {}, request.contentType),
      await post(
        request.body,
        { 'x-slack-request-timestamp': 'yesterday', 'x-slack-signature': 'v0=00' },
        request.contentType,
      ),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    // A body changed after signing (a replayed signature on other text) is refused too.
    const headers = signedHeaders(request.body);
    const tampered = await post(
      request.body.replace('text=pods', 'text=kubectl+delete+ns+shop'),
      headers,
      request.contentType,
    );
    expect(tampered.status).toBe(401);
    // A timestamp just inside the window is fine.
    const fresh = await sendSignedRequest(fx.eventsUrl, request, { timestamp: now - 4 * 60 });
    expect(fresh.status).toBe(200);
    const id = responseUrl.split('/').pop();
    await fx.fake.waitFor(
      () => fx.fake.responses.filter((r) => r.id === id).length === 1,
      'the one accepted request',
    );
    expect(fx.fake.responses.filter((r) => r.id === id)).toHaveLength(1);
  });

  it('refuses malformed payloads with 400 and keeps serving', async () => {
    const bodies: Array<[string, string]> = [
      ['{"type":"event_callback"', 'application/json'],
      ['[1,2,3]', 'application/json'],
      ['{"type":"event_callback","event":"not an object"}', 'application/json'],
      ['{"hello":"world"}', 'application/json'],
      ['payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
      ['payload=%7B%22type%22%3A%22block_actions%22%7D', 'application/x-www-form-urlencoded'],
      ['command=%2Fk8s&text=pods', 'application/x-www-form-urlencoded'],
      ['<xml/>', 'text/xml'],
    ];
    const statuses: number[] = [];
    for (const [body, type] of bodies)
      statuses.push((await post(body, signedHeaders(body), type)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
    const get = await fetch(fx.eventsUrl);
    expect(get.status).toBe(405);
    const huge = 'x'.repeat(1_100_000);
    expect((await post(huge, signedHeaders(huge))).status).toBe(413);
    // Still alive: a good request after all of that is answered.
    const { status, responseUrlId } = await fx.slash('whoami', 'admin');
    expect(status).toBe(200);
    await fx.fake.waitFor(
      () => fx.fake.responses.find((r) => r.id === responseUrlId),
      'an answer after the bad requests',
    );
    const health = await fetch(`${fx.http!.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers Slack’s URL verification and SSL check', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const response = await post(body, signedHeaders(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
    const ssl = await post('ssl_check=1&token=t', {}, 'application/x-www-form-urlencoded');
    expect(ssl.status).toBe(200);
  });

  it('says 404 for a signed interaction nobody handles, instead of timing out with 500', async () => {
    const payload = JSON.stringify({
      type: 'block_actions',
      user: { id: 'U_OP' },
      actions: [{ action_id: 'something.else', type: 'button', value: 'x' }],
      container: {},
      response_url: fx.fake.responseUrl(opsChannel),
    });
    const body = new URLSearchParams({ payload }).toString();
    const response = await post(body, signedHeaders(body), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(404);
  });
});
