import { Text } from '@mantine/core';
import { useGenerations } from '../../api/queries.js';
import type { RpOutcome } from '../../api/types.js';
import { useText } from '../../i18n/index.js';

type Certificate = NonNullable<RpOutcome['user']>['certificate'];

/**
 * The root the holder's certificate chained to, as the relying party found it among its trust
 * anchors (every generation): its serial and key id — and, the sandbox explaining, which
 * generation of the authority that is (matched by key id: every generation has one DN).
 */
export function ChainedTo({ certificate: c }: { certificate: Certificate }) {
  const { t } = useText();
  const gens = useGenerations();
  const root = c.chainedTo;
  const g = gens.data?.find((x) => x.kind === c.kind && x.keyIdHex === root.keyIdHex);
  const words = {
    kind: t(`cert.${c.kind}`),
    serial: root.serialHex,
    keyId: `${root.keyIdHex.slice(0, 16)}…`,
  };
  return (
    <Text
      size="sm"
      mt="xs"
      style={{ wordBreak: 'break-all' }}
      data-testid="rp-chained-to"
      data-key-id={root.keyIdHex}
      data-generation={g?.generation ?? ''}
    >
      {g
        ? t('authority.chainedToLine', { ...words, n: g.generation })
        : t('authority.chainedToUnknown', words)}
    </Text>
  );
}
