import { Alert, Text } from '@mantine/core';
import type { ApiError } from '../api/client.js';
import { errorWords } from '../i18n/format.js';
import { useText } from '../i18n/index.js';

/**
 * A catalog error said in words: the message in the console's language, the other language
 * beside it, then what its details mean (残り2回です, which PIN, which field and rule). The code
 * stays in a small line and in `data-code` for tests; never a value that was sent.
 */
export function ErrorAlert({ error, testId }: { error: ApiError | null; testId: string }) {
  const { t, lang } = useText();
  if (!error) return null;
  const words = errorWords(error, t);
  return (
    <Alert
      color="red"
      role="alert"
      data-testid={testId}
      data-code={error.code}
      title={lang === 'ja' ? error.messageJa : error.message}
    >
      {words.map((w) => (
        <Text key={w} size="sm" data-testid={`${testId}-detail`}>
          {w}
        </Text>
      ))}
      <Text size="xs" c="dimmed" mt={4}>
        {lang === 'ja' ? error.message : error.messageJa} · {t('errors.code', { code: error.code })}
      </Text>
    </Alert>
  );
}
