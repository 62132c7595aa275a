import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HolderApiError } from './client.js';

/** A refused request in words (never swallowed): the catalog's message and its code. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const code = error instanceof HolderApiError ? error.code : 'ERROR';
  const text = error instanceof HolderApiError ? error.text[lang] : String((error as Error).message ?? error);
  return (
    <Alert color="red" title={t('dauth.error', { code })} data-testid="dauth-api-error" data-code={code}>
      {text}
    </Alert>
  );
}
