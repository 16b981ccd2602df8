// The GOOGLE_* and MICROSOFT_* variables that point calendar-sync at running provider fakes.
import type { GoogleFake, MicrosoftFake } from '@ledarsteg/provider-fakes';

export interface FakeClient {
  clientId: string;
  clientSecret: string;
}

export function providerEnv(fakes: { google: GoogleFake; googleClient: FakeClient; microsoft: MicrosoftFake; microsoftClient: FakeClient }): Record<string, string> {
  const { google, googleClient, microsoft, microsoftClient } = fakes;
  return {
    GOOGLE_CLIENT_ID: googleClient.clientId,
    GOOGLE_CLIENT_SECRET: googleClient.clientSecret,
    GOOGLE_AUTH_URL: google.endpoints.oauth2AuthBaseUrl,
    GOOGLE_TOKEN_URL: google.endpoints.oauth2TokenUrl,
    GOOGLE_REVOKE_URL: google.endpoints.oauth2RevokeUrl,
    GOOGLE_API_URL: google.rootUrl,
    GOOGLE_OPENID_CONFIGURATION_URL: google.openidConfigurationUrl,
    MICROSOFT_CLIENT_ID: microsoftClient.clientId,
    MICROSOFT_CLIENT_SECRET: microsoftClient.clientSecret,
    MICROSOFT_AUTH_URL: `${microsoft.url}/{tenant}/oauth2/v2.0/authorize`,
    MICROSOFT_TOKEN_URL: `${microsoft.url}/{tenant}/oauth2/v2.0/token`,
    MICROSOFT_GRAPH_URL: microsoft.url,
    MICROSOFT_OPENID_CONFIGURATION_URL: `${microsoft.url}/{tenant}/v2.0/.well-known/openid-configuration`,
  };
}
