import { CUSTOMERS, answeredVideoCall } from '../calls/call-helpers';
import { PUBLIC_IP, setNats } from './lab';
import { iceEnv } from './lab-api';
import { CallLab, Party, acceptedCallId, connectedPair, waitForCall } from './net-helpers';

/**
 * `ICE_RELAY_ONLY=true`: both browsers use relayed candidates only, so neither learns the
 * other's address, even where a direct path exists (two cone NATs here).
 */
describe('relay-only calls (ICE_RELAY_ONLY=true)', () => {
  let lab: CallLab;

  beforeAll(async () => {
    setNats('cone');
    lab = await CallLab.start('relay-only', iceEnv('relay-only'));
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('connects through the TURN relay on both sides, with video both ways', async () => {
    const { customer, seller } = await lab.openPages();

    await answeredVideoCall(customer, seller);

    const [customerPair, sellerPair] = await Promise.all([connectedPair(customer), connectedPair(seller)]);
    for (const pair of [customerPair, sellerPair]) {
      expect(pair).toEqual(
        expect.objectContaining({
          state: 'succeeded',
          local: expect.objectContaining({ candidateType: 'relay', address: PUBLIC_IP }),
          remote: expect.objectContaining({ candidateType: 'relay', address: PUBLIC_IP }),
        }),
      );
    }

    const party = await Party.login(CUSTOMERS.casey.email);
    const id = await acceptedCallId(party);
    await customer.getByRole('button', { name: 'Hang up' }).click();
    const call = await waitForCall(party, id, (c) => c.status !== 'accepted', 10_000);
    expect(call).toEqual(expect.objectContaining({ status: 'ended', endReason: 'hangup' }));
  });
});
