import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dsseEnvelope,
  dssePae,
  parseSigningKey,
  signatureTag,
  simpleSigningPayload,
  SigningKeyError,
} from '../../../src/publish/signature.js';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();

describe('signing keys', () => {
  it('takes an ECDSA P-256 key in PKCS#8 or SEC 1 PEM', () => {
    for (const pem of [pkcs8, sec1]) {
      const key = parseSigningKey(pem);
      expect(createPublicKey(key).export({ type: 'spki', format: 'der' })).toEqual(
        ec.publicKey.export({ type: 'spki', format: 'der' }),
      );
    }
  });

  it.each([
    [
      'cosign’s encrypted format',
      '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nabc\n',
      "cosign's encrypted format",
    ],
    ['something else', 'not a key: SECRETSECRETSECRETSECRETSECRET', 'is not a PEM private key'],
    [
      'another key type',
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'the signing key is ed25519: cosign-compatible signatures here use ECDSA P-256 keys',
    ],
  ])('refuses %s, without the key in the message', (_name, pem, message) => {
    const run = () => parseSigningKey(pem);
    expect(run).toThrow(SigningKeyError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain(pem.slice(10, 40));
    }
  });
});

describe('cosign’s layout', () => {
  it('signs the simple-signing payload naming the repository and the digest', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const payload = simpleSigningPayload('registry.test/org/app', digest);
    expect(JSON.parse(payload.toString())).toEqual({
      critical: {
        identity: { 'docker-reference': 'registry.test/org/app' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    });
    expect(signatureTag(digest)).toBe(`sha256-${'ab'.repeat(32)}.sig`);
    const signature = sign('sha256', payload, parseSigningKey(pkcs8));
    expect(verify('sha256', payload, ec.publicKey, signature)).toBe(true);
  });
});

describe('DSSE', () => {
  it('signs the pre-authentication encoding of the spec’s example', () => {
    expect(dssePae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
    const statement = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
    const envelope = JSON.parse(dsseEnvelope(statement, parseSigningKey(pkcs8)).toString());
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(Buffer.from(envelope.payload, 'base64')).toEqual(statement);
    const pae = dssePae('application/vnd.in-toto+json', statement);
    expect(verify('sha256', pae, ec.publicKey, Buffer.from(envelope.signatures[0].sig, 'base64'))).toBe(true);
  });
});
