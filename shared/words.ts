/**
 * The one catalogue of counted words, shared by the UI (client/i18n: `{count:note}` in a message)
 * and the reports (reportLabels.ts), so "0 vote" is singular in French everywhere and no text
 * says "note(s)". The form is chosen by `Intl.PluralRules` of the language: French counts 0 and 1
 * as singular, Dutch, English and German only 1. Numbers, amounts and dates are formatted for the
 * same language here too.
 */

export type WordLang = 'fr' | 'nl' | 'en' | 'de';

/** [singular, plural] per language. */
type Forms = Readonly<Record<WordLang, readonly [string, string]>>;

export const COUNT_WORDS = {
  note: { fr: ['note', 'notes'], nl: ['notitie', 'notities'], en: ['note', 'notes'], de: ['Notiz', 'Notizen'] },
  selectedNote: {
    fr: ['note sélectionnée', 'notes sélectionnées'],
    nl: ['notitie geselecteerd', 'notities geselecteerd'],
    en: ['note selected', 'notes selected'],
    de: ['Notiz ausgewählt', 'Notizen ausgewählt'],
  },
  vote: { fr: ['vote', 'votes'], nl: ['stem', 'stemmen'], en: ['vote', 'votes'], de: ['Stimme', 'Stimmen'] },
  dot: { fr: ['point', 'points'], nl: ['punt', 'punten'], en: ['dot', 'dots'], de: ['Punkt', 'Punkte'] },
  dotLeft: { fr: ['point restant', 'points restants'], nl: ['punt over', 'punten over'], en: ['dot left', 'dots left'], de: ['Punkt übrig', 'Punkte übrig'] },
  voter: { fr: ['votant·e', 'votant·es'], nl: ['stemmer', 'stemmers'], en: ['voter', 'voters'], de: ['abstimmende Person', 'abstimmende Personen'] },
  supporter: {
    fr: ['soutien', 'soutiens'],
    nl: ['steunbetuiging', 'steunbetuigingen'],
    en: ['supporter', 'supporters'],
    de: ['Unterstützung', 'Unterstützungen'],
  },
  change: { fr: ['modification', 'modifications'], nl: ['wijziging', 'wijzigingen'], en: ['change', 'changes'], de: ['Änderung', 'Änderungen'] },
  openComment: {
    fr: ['commentaire ouvert', 'commentaires ouverts'],
    nl: ['open opmerking', 'open opmerkingen'],
    en: ['open comment', 'open comments'],
    de: ['offener Kommentar', 'offene Kommentare'],
  },
  open: { fr: ['ouvert', 'ouverts'], nl: ['open', 'open'], en: ['open', 'open'], de: ['offen', 'offen'] },
  component: { fr: ['composante', 'composantes'], nl: ['onderdeel', 'onderdelen'], en: ['component', 'components'], de: ['Baustein', 'Bausteine'] },
  project: { fr: ['projet', 'projets'], nl: ['project', 'projecten'], en: ['project', 'projects'], de: ['Projekt', 'Projekte'] },
  linkedProject: {
    fr: ['projet lié', 'projets liés'],
    nl: ['gekoppeld project', 'gekoppelde projecten'],
    en: ['linked project', 'linked projects'],
    de: ['verknüpftes Projekt', 'verknüpfte Projekte'],
  },
  mergedDuplicate: {
    fr: ['doublon fusionné', 'doublons fusionnés'],
    nl: ['dubbel samengevoegd', 'dubbels samengevoegd'],
    en: ['duplicate merged', 'duplicates merged'],
    de: ['Duplikat zusammengeführt', 'Duplikate zusammengeführt'],
  },
  commonChallenge: {
    fr: ['défi commun', 'défis communs'],
    nl: ['gemeenschappelijke uitdaging', 'gemeenschappelijke uitdagingen'],
    en: ['common challenge', 'common challenges'],
    de: ['gemeinsame Herausforderung', 'gemeinsame Herausforderungen'],
  },
  interestedPartner: {
    fr: ['partenaire intéressé', 'partenaires intéressés'],
    nl: ['geïnteresseerde partner', 'geïnteresseerde partners'],
    en: ['interested partner', 'interested partners'],
    de: ['interessierter Partner', 'interessierte Partner'],
  },
  company: { fr: ['entreprise', 'entreprises'], nl: ['bedrijf', 'bedrijven'], en: ['company', 'companies'], de: ['Unternehmen', 'Unternehmen'] },
  partner: { fr: ['partenaire', 'partenaires'], nl: ['partner', 'partners'], en: ['partner', 'partners'], de: ['Partner', 'Partner'] },
  annotation: { fr: ['annotation', 'annotations'], nl: ['opmerking', 'opmerkingen'], en: ['annotation', 'annotations'], de: ['Anmerkung', 'Anmerkungen'] },
  participant: {
    fr: ['participant·e', 'participant·es'],
    nl: ['deelnemer', 'deelnemers'],
    en: ['participant', 'participants'],
    de: ['teilnehmende Person', 'teilnehmende Personen'],
  },
  question: { fr: ['question', 'questions'], nl: ['vraag', 'vragen'], en: ['question', 'questions'], de: ['Frage', 'Fragen'] },
  hour: { fr: ['heure', 'heures'], nl: ['uur', 'uur'], en: ['hour', 'hours'], de: ['Stunde', 'Stunden'] },
  day: { fr: ['jour', 'jours'], nl: ['dag', 'dagen'], en: ['day', 'days'], de: ['Tag', 'Tage'] },
} as const satisfies Record<string, Forms>;

export type CountWord = keyof typeof COUNT_WORDS;

export const isCountWord = (v: string): v is CountWord => Object.hasOwn(COUNT_WORDS, v);

const pluralRules = new Map<WordLang, Intl.PluralRules>();
const numberFormats = new Map<WordLang, Intl.NumberFormat>();

/** The form of `word` for `n` in `lang` (without the number). */
export function countWord(lang: WordLang, word: CountWord, n: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const [one, other] = COUNT_WORDS[word][lang];
  return rules.select(n) === 'one' ? one : other;
}

export function formatNumber(lang: WordLang, n: number): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  // Narrow no-break spaces (French thousands) become plain no-break spaces: every font has those.
  return format.format(n).replace(/\u202f/g, '\u00a0');
}

/** "3 notes", "0 vote", "1 Stimme". */
export const countLabel = (lang: WordLang, word: CountWord, n: number) => `${formatNumber(lang, n)} ${countWord(lang, word, n)}`;

/** An amount in whole euros, written the language's way ("80 000 €", "€80,000", "€ 80.000"). */
export function formatEuros(lang: WordLang, n: number): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n).replace(/\u202f/g, '\u00a0');
}

/** "80 000 € – 120 000 €", or one amount when both ends are equal. */
export const euroRange = (lang: WordLang, low: number, high: number) =>
  low === high ? formatEuros(lang, low) : `${formatEuros(lang, low)} – ${formatEuros(lang, high)}`;

/** A date (and optionally its time) the language's way, in the given time zone (UTC for reports, so they do not depend on the server's zone). */
export function formatDate(lang: WordLang, at: number, options: { time?: boolean; timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    ...(options.time ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  })
    .format(at)
    .replace(/\u202f/g, '\u00a0');
}
