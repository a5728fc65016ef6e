/** Client calls for the free tryout (api/src/routes/tryout.ts), typed from the API's routes like api.ts. */
import { client, receive } from '../api.js';

const c = client.api;

export interface ClaimInput {
  email: string;
  displayName: string;
  password: string;
  ageConfirmed: boolean;
}

export const tryoutApi = {
  state: () => receive(c.tryout.$get()),
  start: (input: { deviceId: string; fingerprint: string; role: string }) => receive(c.tryout.$post({ json: input })),
  claim: (input: ClaimInput) => receive(c.tryout.claim.$post({ json: input })).then((r) => r.user),
};
