import { checkWebhookUrl, isForbiddenAddress } from './webhook-target';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.4.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );
});

describe('checkWebhookUrl', () => {
  it('asks for https, no credentials, and public addresses unless private targets are allowed', async () => {
    await expect(checkWebhookUrl('http://93.184.215.14/h', false)).rejects.toThrow('https');
    await expect(checkWebhookUrl('https://u:p@93.184.215.14/h', false)).rejects.toThrow('credentials');
    await expect(checkWebhookUrl('https://10.0.0.1/h', false)).rejects.toThrow('private');
    await expect(checkWebhookUrl('https://[::1]:8443/h', false)).rejects.toThrow('private');
    await expect(checkWebhookUrl('https://93.184.215.14/h', false)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:9/h', true)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('ftp://127.0.0.1/h', true)).rejects.toThrow('https');
  });
});
