import { createTheme } from '@mantine/core';

/**
 * Latin text in a proportional sans-serif, Japanese in a proportional Japanese gothic beside it
 * (IPA P Gothic where installed, as for the screenshots; the platform's own elsewhere). The
 * monospaced IPAGothic comes last only as a fallback.
 */
export const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"DejaVu Sans"',
  '"Hiragino Sans"',
  '"Noto Sans JP"',
  '"Yu Gothic UI"',
  '"IPAPGothic"',
  '"IPAexGothic"',
  '"IPAGothic"',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK },
  // Transitions are skipped for people who ask for reduced motion (and in the browser journeys).
  respectReducedMotion: true,
});
