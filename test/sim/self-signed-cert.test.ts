import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { selfSignedCert } from '../../src/sim/util/self-signed-cert.js';

describe('the sim certificate', () => {
  // A random serial with a leading zero byte once made about 1 start in 200 fail with
  // "illegal padding"; 500 certificates make that failure all but certain to show.
  it('is valid DER every time, for localhost and 127.0.0.1', () => {
    for (let i = 0; i < 500; i++) {
      const cert = selfSignedCert('ai4k8s-sim');
      expect(() => createSecureContext({ cert: cert.certPem, key: cert.keyPem })).not.toThrow();
      const x509 = new X509Certificate(cert.certPem);
      expect(x509.checkHost('localhost')).toBe('localhost');
      expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    }
  });
});
