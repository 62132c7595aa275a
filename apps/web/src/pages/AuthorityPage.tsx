import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { toApiError } from '../api/client.js';
import { useGenerations } from '../api/queries.js';
import type { CaGeneration } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { GenerationCard } from './authority/GenerationCard.js';
import { RollOverButton } from './authority/RollOverButton.js';
import { registerPage } from './registry.js';

const KINDS = ['auth', 'sign'] as const;

/**
 * The sandbox's JPKI authority: both hierarchies (利用者証明用 / 署名用), every CA generation
 * with what a relying party needs of it (serial, validity, key id, its certificate and CRL on the
 * public URLs), how many certificates each signed, and the roll-over to a new generation.
 */
export function AuthorityPage() {
  const { t } = useText();
  const gens = useGenerations();
  const [rolled, setRolled] = useState<CaGeneration | null>(null);
  if (gens.error) return <ErrorAlert error={toApiError(gens.error)} testId="authority-error" />;
  const all = gens.data;
  if (!all) return null;
  return (
    <Stack>
      <Title order={2}>{t('authority.title')}</Title>
      <Text size="sm">{t('authority.intro')}</Text>
      {rolled && (
        <Alert
          color="green"
          withCloseButton
          onClose={() => setRolled(null)}
          data-testid="authority-rolled"
          data-kind={rolled.kind}
          data-generation={rolled.generation}
        >
          {t('authority.rolled', { kind: t(`cert.${rolled.kind}`), n: rolled.generation })}
        </Alert>
      )}
      {KINDS.map((kind) => {
        const list = all.filter((g) => g.kind === kind);
        const current = list.find((g) => g.current) ?? list[list.length - 1];
        return (
          <Paper key={kind} withBorder p={{ base: 'sm', sm: 'md' }} data-testid={`authority-${kind}`}>
            <Stack>
              <Group justify="space-between" align="center">
                <Title order={3}>{t(`cert.${kind}`)}</Title>
                {current && (
                  <RollOverButton
                    kind={kind}
                    current={current.generation}
                    next={Math.max(...list.map((g) => g.generation)) + 1}
                    onRolled={setRolled}
                  />
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {[...list].reverse().map((g) => (
                  <GenerationCard key={g.generation} generation={g} />
                ))}
              </SimpleGrid>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

registerPage({ id: 'authority', component: AuthorityPage });
