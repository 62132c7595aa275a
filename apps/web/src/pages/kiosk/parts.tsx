import { Button, PinInput, Stack, Text, TextInput } from '@mantine/core';
import type { CertPin } from '../../api/types.js';

/** A masked PIN field: four boxes for a 4-digit PIN, a password field for a signature password. */
export function PinField(props: {
  pin: CertPin;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  label: string;
}) {
  return props.pin === 'auth' ? (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <PinInput
        length={4}
        type="number"
        mask
        size="xl"
        value={props.value}
        onChange={props.onChange}
        data-testid={props.testId}
        aria-label={props.label}
      />
    </Stack>
  ) : (
    <TextInput
      type="password"
      size="lg"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value.toUpperCase())}
      data-testid={props.testId}
      autoComplete="off"
      maw={360}
    />
  );
}

/** A big touch-screen button: Japanese large, English small beneath. */
export function Touch(props: {
  ja: string;
  en?: string;
  onClick?: () => void;
  testId?: string;
  disabled?: boolean;
  color?: string;
  /** A request of this kiosk is running: every touch waits. */
  busy?: boolean;
}) {
  return (
    <Button
      h={76}
      size="lg"
      radius="md"
      color={props.color ?? 'teal'}
      disabled={(props.disabled ?? false) || (props.busy ?? false)}
      onClick={props.onClick}
      data-testid={props.testId}
      styles={{ label: { whiteSpace: 'normal', lineHeight: 1.25 } }}
    >
      <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
        <span>{props.ja}</span>
        {props.en && <span style={{ fontSize: 12, fontWeight: 400, opacity: 0.85 }}>{props.en}</span>}
      </span>
    </Button>
  );
}
