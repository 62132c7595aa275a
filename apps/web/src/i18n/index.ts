import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { authorityStrings } from './authority.js';
import { consoleStrings } from './console.js';
import { phoneCertStrings } from './phone-cert.js';
import { resetStrings } from './reset.js';
import { rpStrings, supportStrings } from './support.js';
import { wordStrings } from './words.js';

/**
 * The console's one i18n mechanism: i18next, Japanese first, English beside. Every string a
 * screen shows comes from these bundles or, for texts the server writes in both languages
 * (`{ ja, en }`, `nameJa`/`nameEn`), through `useText()` — both follow i18next's language, which
 * is kept in localStorage and mirrored on `<html lang>`.
 */
export type Lang = 'ja' | 'en';
const BUNDLES: { key: string | null; ja: object; en: object }[] = [
  { key: null, ...consoleStrings },
  { key: null, ...wordStrings },
  { key: 'support', ...supportStrings },
  { key: 'rp', ...rpStrings },
  { key: 'reset', ...resetStrings },
  { key: 'phoneCert', ...phoneCertStrings },
  { key: 'authority', ...authorityStrings },
];
const resources = (lang: Lang) =>
  Object.assign({}, ...BUNDLES.map((b) => (b.key ? { [b.key]: b[lang] } : b[lang])));

const LANG_KEY = 'myna.lang';
const stored = (): Lang => (globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'ja');

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: resources('ja') }, en: { translation: resources('en') } },
  lng: stored(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
});
const mirror = (lng: string) => {
  if (globalThis.document) document.documentElement.lang = lng;
};
mirror(i18n.language);
i18n.on('languageChanged', mirror);

/** Switches the language, remembered across reloads. */
export function setLanguage(lang: Lang): Promise<unknown> {
  localStorage.setItem(LANG_KEY, lang);
  return i18n.changeLanguage(lang);
}

/** The current language and a picker for texts the server writes in both languages. */
export function useText() {
  const { t, i18n: instance } = useTranslation();
  const lang: Lang = instance.language === 'en' ? 'en' : 'ja';
  const text = (x: { ja: string; en: string } | { nameJa: string; nameEn: string }): string =>
    'ja' in x ? x[lang] : lang === 'ja' ? x.nameJa : x.nameEn;
  return { t, lang, text };
}

export default i18n;
