import { Group, Select, TextInput } from '@mantine/core';
import { useText } from '../../i18n/index.js';

/** Pieces of the counter's forms: a photo ID shown at the window, a masked PIN-pad entry. */
export const PHOTO_IDS = ['driver-license', 'passport', 'residence-card', 'other-official-photo-id'] as const;
export type PhotoIdKind = (typeof PHOTO_IDS)[number];

/** A photo ID shown at the counter: kind and what it says (pre-filled with the person's own data). */
export function PhotoIdFields(props: {
  value: { kind: PhotoIdKind; name: string; birthDate: string };
  onChange: (v: { kind: PhotoIdKind; name: string; birthDate: string }) => void;
  prefix: string;
}) {
  const { t } = useText();
  const v = props.value;
  return (
    <Group align="end" grow>
      <Select
        label={t('reset.counter.photoId')}
        data={PHOTO_IDS.map((k) => ({ value: k, label: t(`reset.counter.photoIdKind.${k}`) }))}
        value={v.kind}
        onChange={(k) => props.onChange({ ...v, kind: (k as PhotoIdKind) ?? 'driver-license' })}
        allowDeselect={false}
      />
      <TextInput
        label={t('reset.counter.idName')}
        value={v.name}
        onChange={(e) => props.onChange({ ...v, name: e.currentTarget.value })}
        data-testid={`${props.prefix}-name`}
      />
      <TextInput
        label={t('reset.counter.idBirth')}
        placeholder="1985-04-01"
        value={v.birthDate}
        onChange={(e) => props.onChange({ ...v, birthDate: e.currentTarget.value })}
        data-testid={`${props.prefix}-birth`}
      />
    </Group>
  );
}

/** A masked PIN entry at the window's PIN pad (no reveal button: nobody at the window sees it). */
export function Secret(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  upper?: boolean;
}) {
  return (
    <TextInput
      type="password"
      label={props.label}
      value={props.value}
      onChange={(e) =>
        props.onChange(props.upper ? e.currentTarget.value.toUpperCase() : e.currentTarget.value)
      }
      data-testid={props.testId}
      autoComplete="off"
    />
  );
}
