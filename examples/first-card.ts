/**
 * A virtual My Number Card in a few lines: issue one in an in-memory sandbox, then talk to it
 * with raw APDUs and with the client SDK. Run: npx tsx examples/first-card.ts
 */
import { readFileSync } from 'node:fs';
import { toHex } from '@myna/apdu';
import { MynaCardClient } from '@myna/client';
import { createSandbox } from '@myna/services';

const sandbox = createSandbox(); // in memory: a JPKI authority and a municipality
const photo = readFileSync(new URL('../packages/core/card/assets/demo-photo-0.jp2', import.meta.url));
const { card } = await sandbox.municipality.registerAndIssue(
  { name: '山田　太郎', address: '東京都清瀬市中里５－８４２', birthDate: '1985-04-01', sex: '1', photo },
  { pins: { auth: '1234', sign: 'ABC123', kenhojo: '5678', juki: '1234' } },
);

// Raw APDUs, as any terminal sends them.
const reader = await sandbox.connector.connect(card.id, 'example');
const apdu = async (hex: string) => toHex(await reader.transmit(Buffer.from(hex, 'hex')));
console.log('SELECT JPKI      →', await apdu('00A4040C0AD392F000260100000001')); // 9000
console.log('auth PIN status  →', await apdu('00200098')); // 63C3: 3 tries left
console.log('wrong auth PIN   →', await apdu('002000980439393939')); // 63C2

// The client SDK: safe PIN handling, certificates, signatures.
const client = new MynaCardClient(reader);
console.log('tries left       →', (await client.pinStatus('auth')).triesLeft); // 2
const signature = await client.sign('auth', Buffer.from('hello'), { pin: '1234' });
console.log('signature bytes  →', signature.length); // 256
console.log('tries left       →', (await client.pinStatus('auth')).triesLeft); // 3 again
await reader.close();
