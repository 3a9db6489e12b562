import { describe, expect, it } from 'vitest';
import { anonymousReadEnabled, oidcSettings } from './settings';

describe('anonymousReadEnabled', () => {
  it('is on for the embedded demo and off on a real database by default', () => {
    expect(anonymousReadEnabled({ PMKB_EMBEDDED_DB: '1' })).toBe(true);
    expect(anonymousReadEnabled({ PMKB_EMBEDDED_DB: '0' })).toBe(false);
    expect(anonymousReadEnabled({})).toBe(false);
  });
  it('follows ANONYMOUS_READ when set', () => {
    expect(anonymousReadEnabled({ PMKB_EMBEDDED_DB: '1', ANONYMOUS_READ: 'false' })).toBe(false);
    expect(anonymousReadEnabled({ ANONYMOUS_READ: 'TRUE' })).toBe(true);
  });
});

describe('oidcSettings', () => {
  it('is off unless configured', () => {
    expect(oidcSettings({})).toBeNull();
  });
  it('builds the discovery URL and scopes from the issuer', () => {
    const s = oidcSettings({
      OIDC_ISSUER: 'https://sso.example.com/realms/ops/',
      OIDC_CLIENT_ID: 'pmkb',
      OIDC_CLIENT_SECRET: 's3cret',
    });
    expect(s).toMatchObject({
      discoveryUrl: 'https://sso.example.com/realms/ops/.well-known/openid-configuration',
      clientId: 'pmkb',
      name: 'Single sign-on',
      scopes: ['openid', 'email', 'profile'],
    });
  });
  it('names the bad setting instead of half-configuring', () => {
    expect(() => oidcSettings({ OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toThrow(/OIDC_ISSUER/);
    expect(() => oidcSettings({ OIDC_ISSUER: 'https://sso.example.com', OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_CLIENT_SECRET/);
  });
});
