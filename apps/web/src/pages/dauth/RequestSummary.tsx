import { Badge, Card, Code, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Authorization } from './types.js';

/** Which relying party asks, and for what: a login (with the 基本4情報 asked) or a signature. */
export function RequestSummary({ authorization: a }: { authorization: Authorization }) {
  const { t, i18n } = useTranslation();
  const time = new Date(a.expiresAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'ja-JP');
  return (
    <Card withBorder padding="sm" data-testid="dauth-request" data-purpose={a.purpose}>
      <Stack gap={6}>
        <Text size="sm">{t('dauth.asks')}</Text>
        <Text fw={700} size="lg" data-testid="dauth-client">
          {a.client.name}
        </Text>
        <Text size="xs" c="dimmed">
          {t('dauth.clientId', { id: a.client.clientId })}
        </Text>
        <Badge color={a.purpose === 'sign' ? 'grape' : 'indigo'} data-testid="dauth-purpose">
          {t(`dauth.purpose.${a.purpose}`)}
        </Badge>
        {a.purpose === 'login' &&
          (a.basicFour.length > 0 ? (
            <>
              <Text size="sm" fw={600}>
                {t('dauth.basicFour')}
              </Text>
              <List size="sm" data-testid="dauth-basic-four">
                {a.basicFour.map((b) => (
                  <List.Item key={b} data-item={b}>
                    {t(`dauth.bf.${b}`)}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">{t('dauth.loginOnly')}</Text>
          ))}
        {a.signTransaction && (
          <>
            <Text size="sm" fw={600}>
              {t('dauth.signDoc')}
            </Text>
            <Text size="sm" data-testid="dauth-sign-title">
              {a.signTransaction.title ?? t('dauth.untitled')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('dauth.digest', {
                type: a.signTransaction.digestType === 'sha256' ? 'SHA-256' : 'DigestInfo',
              })}
            </Text>
            <Code block data-testid="dauth-digest" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {a.signTransaction.digestBase64}
            </Code>
          </>
        )}
        <Text size="xs" c="dimmed">
          {t('dauth.expires', { time })}
        </Text>
      </Stack>
    </Card>
  );
}
