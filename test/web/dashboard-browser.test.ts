// The dashboard in real Chromium against a real `serve` on the simulated cluster: first-run
// setup, sign-in and lockout, the overview against the cluster's own numbers, a forecast chart,
// hostile names and log lines, roles, and an approval granted from the approvals page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsersRepo } from '../../src/core/store/repos/users.js';
import { hashPassword } from '../../src/web/auth/passwords.js';
import { waitFor } from '../support/sim.js';
import { collectPageProblems, launchChromium, screenshot } from './support/browser.js';
import { setupLinkOf, startDashboardEnv, type DashboardEnv } from './support/dashboard-env.js';

const adminPassword = 'correct horse battery staple';
const viewerPassword = 'viewer-password-1';
const hostileLog = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
const hostileImage = 'registry.example.com/does-not-exist/<script>window.__xss=3</script>:1';

// Run in the page (strings: this file is compiled without the DOM library).
const inkedPixelsScript = `(() => {
  const c = document.querySelector('[data-chart] canvas');
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
  return inked;
})()`;
const domFactsScript = `({
  xss: window.__xss,
  inlineScripts: document.querySelectorAll('script:not([src])').length,
  images: document.querySelectorAll('img').length,
})`;

let env: DashboardEnv;
let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;
let pageProblems: string[] = [];

let launchError: unknown;

beforeAll(async () => {
  // A missing browser fails every test below with what to install; nothing is skipped.
  try {
    browser = await launchChromium();
  } catch (error) {
    launchError = error;
    return;
  }
  env = await startDashboardEnv({ historyMinutes: 120 });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'xss-probe', namespace: 'shop', labels: { app: 'xss-probe' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', `echo '${hostileLog}'; sleep 3600`],
        },
        { name: 'sidecar', image: hostileImage },
      ],
    },
  };
  const file = join(env.dir, 'xss-probe.json');
  writeFileSync(file, JSON.stringify(pod));
  const applied = await env.kubectl(['apply', '-f', file]);
  expect(applied.stderr).toBe('');
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  adminPage = await admin.newPage();
  pageProblems = collectPageProblems(adminPage);
}, 90_000);

beforeEach(() => {
  if (launchError) throw launchError;
});

afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${env.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

async function newUser(
  username: string,
  role: 'viewer' | 'operator' | 'admin',
  password: string,
): Promise<void> {
  await new UsersRepo(env.services.db).create(username, role, await hashPassword(password));
}

describe('the dashboard in Chromium', () => {
  it('creates the first admin through the one-time setup link, which then stops working', async () => {
    const link = setupLinkOf(env.announced);
    expect(env.announced.join('\n')).not.toMatch(/password/i);
    await adminPage.goto(link);
    await adminPage.fill('input[name=username]', 'admin');
    await adminPage.fill('input[name=password]', adminPassword);
    await adminPage.fill('input[name=confirm]', adminPassword);
    await screenshot(adminPage, '01-setup');
    await adminPage.click('button[type=submit]');
    await expect.poll(() => adminPage.textContent('h1')).toBe('Overview');
    expect(await adminPage.textContent('.who')).toContain('admin');

    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    expect(await again.textContent('main')).toContain('Setup is done');
  });

  it('shows the numbers the cluster itself reports on the overview', async () => {
    const expected = async () => {
      const pods = JSON.parse((await env.kubectl(['get', 'pods', '-A', '-o', 'json'])).stdout) as {
        items: unknown[];
      };
      const nodes = JSON.parse((await env.kubectl(['get', 'nodes', '-o', 'json'])).stdout) as {
        items: Array<{ status: { conditions: Array<{ type: string; status: string }> } }>;
      };
      const ready = nodes.items.filter((n) =>
        n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return {
        pods: String(pods.items.length),
        nodes: String(nodes.items.length),
        ready: String(ready.length),
      };
    };
    const stat = async (name: string) =>
      (await adminPage.textContent(`[data-cluster="sim"] [data-stat="${name}"]`))?.trim();
    // The cluster may create or delete a pod between the two reads: agree on a read taken after.
    await expect
      .poll(
        async () => {
          await adminPage.goto(`${env.url}/`);
          const shown = {
            pods: await stat('pods-total'),
            nodes: await stat('nodes-total'),
            ready: await stat('nodes-ready'),
          };
          return JSON.stringify(shown) === JSON.stringify(await expected());
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(Number(await stat('pods-total'))).toBeGreaterThan(10);
    expect(Number(await stat('pods-failing'))).toBeGreaterThan(0);
    // The pipeline's firing alerts, e.g. the demo's crash-looping fraud-check.
    expect(await adminPage.textContent('#firing-alerts')).toContain('CrashLoopBackOff');
    await screenshot(adminPage, '02-overview');
  });

  it('draws a metrics chart with history, a forecast band and the limit line', async () => {
    const cluster = await env.services.clusters.get('sim');
    const pod = cluster.cache
      .list('pods', 'shop')
      .find((p) => p.metadata?.name?.startsWith('recommendations-'));
    expect(pod).toBeDefined();
    const query = `cluster=sim&kind=pod&object=shop/${pod?.metadata?.name}&metric=memory&range=6h`;
    await adminPage.goto(`${env.url}/metrics?${query}`);
    await adminPage.waitForSelector('[data-chart][data-chart-state="drawn"]', { timeout: 10_000 });
    expect(await adminPage.locator('[data-chart] .uplot canvas').count()).toBe(1);
    const inkedPixels = await adminPage.evaluate<number>(inkedPixelsScript);
    expect(inkedPixels).toBeGreaterThan(2000);
    expect(
      Number(await adminPage.getAttribute('[data-chart]', 'data-points')),
    ).toBeGreaterThanOrEqual(100);
    expect(
      Number(await adminPage.getAttribute('[data-chart]', 'data-forecast-points')),
    ).toBeGreaterThan(0);

    const response = await adminPage.request.get(`${env.url}/api/metrics?${query}`);
    expect(response.status()).toBe(200);
    const data = (await response.json()) as {
      history: { t: number[]; v: number[] };
      forecast: { t: number[]; value: number[]; lower: number[]; upper: number[] };
      limit: { value: number };
    };
    expect(data.history.t.length).toBeGreaterThanOrEqual(100);
    expect(data.history.v.every((v) => v > 100 * 1024 * 1024)).toBe(true);
    expect(data.forecast.t.length).toBeGreaterThan(10);
    expect(data.forecast.t[0]).toBeGreaterThan(data.history.t[data.history.t.length - 1] as number);
    // Six hours ahead, a band around the forecast that is not empty.
    expect(
      (data.forecast.t.at(-1) as number) - (data.history.t.at(-1) as number),
    ).toBeGreaterThanOrEqual(6 * 3600 - 120);
    data.forecast.value.forEach((v, i) => {
      expect(data.forecast.lower[i]).toBeLessThanOrEqual(v);
      expect(data.forecast.upper[i]).toBeGreaterThanOrEqual(v);
    });
    expect(data.forecast.upper.some((u, i) => u > (data.forecast.lower[i] as number))).toBe(true);
    expect(data.limit.value).toBe(512 * 1024 * 1024);
    await screenshot(adminPage, '03-metrics-forecast');
  });

  it('shows a pod log line, an image name and event messages holding <script> as text', async () => {
    const cluster = await env.services.clusters.get('sim');
    await waitFor(
      () =>
        cluster.cache
          .get('pods', 'shop', 'xss-probe')
          ?.status?.containerStatuses?.some((c) => c.name === 'app' && c.state?.running) ?? false,
      15_000,
      'the xss-probe pod to run',
    );
    await waitFor(
      () =>
        cluster.cache
          .list('events', 'shop')
          .some(
            (e) => e.involvedObject?.name === 'xss-probe' && (e.message ?? '').includes('<script>'),
          ),
      15_000,
      'the image pull failure event',
    );
    await adminPage.goto(`${env.url}/pods/sim/shop/xss-probe`);
    expect(await adminPage.textContent('pre.logs')).toContain(hostileLog);
    expect(await adminPage.textContent('main')).toContain(hostileImage);
    const events = await adminPage.locator('section:has(h2:text("Events"))').textContent();
    expect(events).toContain('<script>window.__xss=3</script>');
    await screenshot(adminPage, '04-hostile-pod');

    // A name in the URL is echoed on the not-found page: as text too.
    await adminPage.goto(
      `${env.url}/pods/sim/shop/${encodeURIComponent('<script>window.__xss=4</script>')}`,
    );
    expect(await adminPage.textContent('main')).toContain(
      'There is no pod "<script>window.__xss=4</script>"',
    );
    await adminPage.goto(
      `${env.url}/workloads?q=${encodeURIComponent('"><script>window.__xss=5</script>')}`,
    );
    expect(await adminPage.inputValue('input[name=q]')).toBe('"><script>window.__xss=5</script>');

    for (const path of ['/pods/sim/shop/xss-probe', '/', '/workloads?namespace=shop', '/alerts']) {
      await adminPage.goto(`${env.url}${path}`);
      const dom = await adminPage.evaluate<unknown>(domFactsScript);
      expect(dom, path).toEqual({ xss: undefined, inlineScripts: 0, images: 0 });
    }
    expect(await adminPage.textContent('main')).toContain('<script>window.__xss=3</script>');
  });

  it('refuses a wrong password, then locks the account and address after repeated failures', async () => {
    await newUser('lockme', 'operator', 'right-password-42');
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'lockme', 'wrong-password-1');
    expect(await page.textContent('.flash-error')).toContain('Wrong username or password.');
    await screenshot(page, '05-wrong-password');
    for (let i = 2; i <= 4; i++) {
      await signIn(page, 'lockme', `wrong-password-${i}`);
      expect(await page.textContent('.flash-error')).toContain('Wrong username or password.');
    }
    await signIn(page, 'lockme', 'wrong-password-5');
    expect(await page.textContent('.flash-error')).toMatch(
      /Too many failed sign-ins for this account from your address\. Try again in 15 minutes\./,
    );
    // Locked means locked: the right password does not get in either.
    await signIn(page, 'lockme', 'right-password-42');
    expect(await page.textContent('.flash-error')).toContain('Too many failed sign-ins');
    expect(await page.textContent('h1')).toBe('Sign in');
    await screenshot(page, '06-lockout');
  });

  it('lets a viewer read but refuses them settings and approvals', async () => {
    await newUser('vera', 'viewer', viewerPassword);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'vera', viewerPassword);
    await expect.poll(() => page.textContent('h1')).toBe('Overview');
    const nav = await page.textContent('nav.nav');
    expect(nav).not.toContain('Settings');
    expect(nav).not.toContain('Approvals');
    const settings = await page.goto(`${env.url}/settings`);
    expect(settings?.status()).toBe(403);
    expect(await page.textContent('main')).toContain(
      'Settings needs the admin role; you are signed in as vera with the viewer role.',
    );
    await screenshot(page, '07-viewer-refused-settings');
    const approvals = await page.goto(`${env.url}/approvals`);
    expect(approvals?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('The approvals page needs the operator role');
  });

  it('shows an alert with its evidence; an operator acknowledges and silences it, a viewer cannot', async () => {
    await newUser('olga', 'operator', 'operator-password-1');
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'olga', 'operator-password-1');
    await page.goto(`${env.url}/alerts?state=firing`);
    await page.locator('tr', { hasText: 'CrashLoopBackOff' }).locator('a').first().click();
    expect(await page.textContent('h1')).toMatch(/^Alert #\d+: CrashLoopBackOff$/);
    expect(await page.textContent('main')).toContain('Deployment payments/fraud-check');
    expect(await page.locator('section:has(h2:text("Evidence")) pre.logs').count()).toBe(1);
    const alertPath = new URL(page.url()).pathname;
    await page.click('button:text("Acknowledge")');
    expect((await page.textContent('.flash-success'))?.trim()).toMatch(
      /^Acknowledged #\d+ CrashLoopBackOff on Deployment payments\/fraud-check\.$/,
    );
    expect(await page.textContent('main')).toContain('acknowledged by olga (web:olga)');
    await page.selectOption('select[name=duration]', '1h');
    await page.fill('input[name=comment]', 'fix is rolling out');
    await page.click('button:text("Silence")');
    expect(await page.textContent('.flash-success')).toMatch(
      /Silenced #\d+ and its repeats for 1 hour/,
    );
    expect(await page.textContent('main')).toContain('silenced until');
    await screenshot(page, '08-alert-acknowledged');
    await page.goto(`${env.url}/alerts?state=acknowledged`);
    expect(await page.textContent('main')).toContain('payments/fraud-check');

    const viewer = await (await browser.newContext()).newPage();
    await signIn(viewer, 'vera', viewerPassword);
    await viewer.goto(`${env.url}${alertPath}`);
    expect(await viewer.locator('button:text("Silence")').count()).toBe(0);
    const csrf = (await viewer.getAttribute('meta[name=csrf-token]', 'content')) as string;
    const refused = await viewer.request.post(`${env.url}${alertPath}/silence`, {
      form: { _csrf: csrf, duration: '1h' },
    });
    expect(refused.status()).toBe(403);
  });

  it('grants an approval from the approvals page, and the call runs on the cluster', async () => {
    const outcome = await env.services.tools.invoke(
      {
        tool: 'execute_kubectl',
        cluster: 'sim',
        args: { command: 'scale deployment catalog -n shop --replicas=4' },
      },
      { id: 'slack:UOPS1', name: 'olivia', role: 'operator', surface: 'slack' },
    );
    expect(outcome.status).toBe('approval_required');
    const id = outcome.status === 'approval_required' ? outcome.approval.id : '';
    await adminPage.goto(`${env.url}/approvals`);
    const row = adminPage.locator('#pending-approvals tr', { hasText: id });
    expect(await row.textContent()).toContain(
      'kubectl scale deployment catalog -n shop --replicas=4',
    );
    await screenshot(adminPage, '09-approvals-pending');
    await row.locator('button', { hasText: 'Approve' }).click();
    await adminPage.waitForSelector('.flash-success');
    expect(await adminPage.textContent('.flash-success')).toContain(`Request ${id}: approved.`);
    expect(await adminPage.textContent('.flash-success')).toContain(
      'Approved by admin and run on sim',
    );
    await screenshot(adminPage, '10-approval-granted');
    const replicas = await env.kubectl([
      'get',
      'deployment',
      'catalog',
      '-n',
      'shop',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    expect(replicas.stdout).toBe('4');
    expect(await adminPage.locator('#pending-approvals').count()).toBe(0);

    await adminPage.goto(`${env.url}/audit?user=admin&outcome=ok`);
    expect(await adminPage.textContent('#audit')).toContain('approval.approve');
  });

  it('answers in the chat console, with an approval card for a write', async () => {
    await adminPage.goto(`${env.url}/chat`);
    await adminPage.fill('#chat-text', 'logs xss-probe -n shop --container app');
    await adminPage.click('#chat-form button[type=submit]');
    await adminPage.waitForSelector('.turn-bot .msg');
    expect(await adminPage.textContent('.turn-bot')).toContain('<script>window.__xss=1</script>');
    await adminPage.fill('#chat-text', 'kubectl scale deployment frontend -n shop --replicas 4');
    await adminPage.click('#chat-form button[type=submit]');
    await adminPage.waitForSelector('.turn-bot .msg[data-approval]');
    expect(
      await adminPage
        .locator('.msg[data-approval] form.decide button', { hasText: 'Approve' })
        .count(),
    ).toBe(1);
    // Decided inline: the answer joins the conversation.
    await adminPage.locator('.msg[data-approval] form.decide button', { hasText: 'Deny' }).click();
    await adminPage.waitForSelector('.turn-bot .msg h3:text("Denied by admin")');
    expect(await adminPage.locator('.chat-log').textContent()).toContain(
      'kubectl scale deployment frontend -n shop --replicas 4',
    );
    expect(await adminPage.evaluate<unknown>('window.__xss')).toBeUndefined();
    await screenshot(adminPage, '11-chat');
  });

  it('fits a 375 px wide phone screen without sideways scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await phone.newPage();
    await signIn(page, 'vera', viewerPassword);
    for (const path of ['/', '/workloads', '/alerts', '/chat']) {
      await page.goto(`${env.url}${path}`);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width, path).toBeLessThanOrEqual(375);
    }
    await page.goto(`${env.url}/`);
    await screenshot(page, '12-overview-phone');
  });

  it('reported no Content-Security-Policy violation or script error', () => {
    expect(pageProblems).toEqual([]);
  });
});
