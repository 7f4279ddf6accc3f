import type { Community, NoteKind } from '../schema';
import type { PartnerOffer, PartnerType } from '../partners';
import { type CountWord, countLabel } from '../words';

/** The languages of the reports, in the order of the UI's language list. */
export type ReportLang = 'fr' | 'nl' | 'en' | 'de';

/** Words of the reports (Markdown and CSV), French by default. Kept here so the reports stay pure. */
export interface ReportLabels {
  lang: ReportLang;
  summary: string;
  commune: string;
  theme: string;
  noTheme: string;
  notes: string;
  components: string;
  untitled: string;
  unclustered: string;
  /** The taxonomy tags of a component's notes. */
  technologyAreas: string;
  technologiesFound: string;
  none: string;
  kinds: Record<NoteKind, string>;
  kindPlural: Record<NoteKind, string>;
  annotations: string;
  communities: Record<Community | 'other', string>;
  onProject: string;
  resolved: string;
  challenges: string;
  votesWord: (n: number) => string;
  dotsWord: (n: number) => string;
  voters: (n: number) => string;
  votes: string;
  partners: string;
  partnerTypes: Record<PartnerType, string>;
  offers: Record<PartnerOffer, string>;
  brings: string;
  contact: string;
  projects: string;
  linkedProjects: string;
  notesCount: (n: number) => string;
  clustersCount: (n: number) => string;
  challengesCount: (n: number) => string;
  interestsCount: (n: number) => string;
  /** The author of a note revealed without its author's name. */
  anonymous: string;
  csv: {
    projectId: string;
    project: string;
    commune: string;
    noteId: string;
    kind: string;
    text: string;
    author: string;
    cluster: string;
    tags: string;
    dots: string;
    challenges: string;
    comments: string;
    x: string;
    y: string;
    createdAt: string;
  };
}

/** Counted words come from the catalogue the UI uses too (Intl.PluralRules: "0 vote" in French). */
const counted = (lang: ReportLang, word: CountWord) => (n: number) => countLabel(lang, word, n);

export const fr: ReportLabels = {
  lang: 'fr',
  summary: 'Résumé',
  commune: 'Commune',
  theme: 'Thème',
  noTheme: 'Sans thème',
  notes: 'Notes',
  components: 'Composantes',
  untitled: 'Sans titre',
  unclustered: 'Hors composante',
  technologyAreas: 'Domaines technologiques',
  technologiesFound: 'Technologies identifiées',
  none: 'Aucun élément',
  kinds: { idea: 'Idée', technology: 'Technologie', need: 'Besoin', risk: 'Risque', question: 'Question' },
  kindPlural: { idea: 'Idées', technology: 'Technologies', need: 'Besoins', risk: 'Risques', question: 'Questions' },
  annotations: 'Annotations des experts',
  communities: { maker: 'Makers', researcher: 'Chercheur·euses', company: 'Entreprises', other: 'Autres participant·es' },
  onProject: 'le projet',
  resolved: 'résolu',
  challenges: 'Défis communs',
  votesWord: counted('fr', 'vote'),
  dotsWord: counted('fr', 'dot'),
  voters: counted('fr', 'voter'),
  votes: 'Votes',
  partners: 'Partenaires intéressés',
  partnerTypes: {
    company: 'entreprise',
    expert: 'expert·e',
    funder: 'financeur',
    'public-body': 'pouvoir public',
    research: 'recherche',
    association: 'association',
  },
  offers: { expertise: 'expertise', technology: 'technologie', funding: 'financement', 'pilot-site': 'site pilote' },
  brings: 'apporte',
  contact: 'Contact',
  projects: 'Projets',
  linkedProjects: 'Projets',
  notesCount: counted('fr', 'note'),
  clustersCount: counted('fr', 'component'),
  challengesCount: counted('fr', 'commonChallenge'),
  interestsCount: counted('fr', 'interestedPartner'),
  anonymous: 'Anonyme',
  csv: {
    projectId: 'id_projet',
    project: 'projet',
    commune: 'commune',
    noteId: 'id_note',
    kind: 'type',
    text: 'texte',
    author: 'auteur',
    cluster: 'composante',
    tags: 'technologies',
    dots: 'points',
    challenges: 'defis_communs',
    comments: 'annotations',
    x: 'x',
    y: 'y',
    createdAt: 'cree_le',
  },
};

export const nl: ReportLabels = {
  lang: 'nl',
  summary: 'Samenvatting',
  commune: 'Gemeente',
  theme: 'Thema',
  noTheme: 'Geen thema',
  notes: 'Notities',
  components: 'Onderdelen',
  untitled: 'Zonder titel',
  unclustered: 'Buiten een onderdeel',
  technologyAreas: 'Technologiedomeinen',
  technologiesFound: 'Geïdentificeerde technologieën',
  none: 'Geen',
  kinds: { idea: 'Idee', technology: 'Technologie', need: 'Behoefte', risk: 'Risico', question: 'Vraag' },
  kindPlural: { idea: 'Ideeën', technology: 'Technologieën', need: 'Behoeften', risk: 'Risico’s', question: 'Vragen' },
  annotations: 'Opmerkingen van experts',
  communities: { maker: 'Makers', researcher: 'Onderzoekers', company: 'Bedrijven', other: 'Andere deelnemers' },
  onProject: 'het project',
  resolved: 'opgelost',
  challenges: 'Gemeenschappelijke uitdagingen',
  votesWord: counted('nl', 'vote'),
  dotsWord: counted('nl', 'dot'),
  voters: counted('nl', 'voter'),
  votes: 'Stemming',
  partners: 'Geïnteresseerde partners',
  partnerTypes: { company: 'bedrijf', expert: 'expert', funder: 'financier', 'public-body': 'overheid', research: 'onderzoek', association: 'vereniging' },
  offers: { expertise: 'expertise', technology: 'technologie', funding: 'financiering', 'pilot-site': 'proeflocatie' },
  brings: 'brengt',
  contact: 'Contact',
  projects: 'Projecten',
  linkedProjects: 'Projecten',
  notesCount: counted('nl', 'note'),
  clustersCount: counted('nl', 'component'),
  challengesCount: counted('nl', 'commonChallenge'),
  interestsCount: counted('nl', 'interestedPartner'),
  anonymous: 'Anoniem',
  csv: {
    projectId: 'project_id',
    project: 'project',
    commune: 'gemeente',
    noteId: 'notitie_id',
    kind: 'soort',
    text: 'tekst',
    author: 'auteur',
    cluster: 'onderdeel',
    tags: 'technologieen',
    dots: 'punten',
    challenges: 'gemeenschappelijke_uitdagingen',
    comments: 'opmerkingen',
    x: 'x',
    y: 'y',
    createdAt: 'aangemaakt_op',
  },
};

export const en: ReportLabels = {
  lang: 'en',
  summary: 'Summary',
  commune: 'Municipality',
  theme: 'Theme',
  noTheme: 'No theme',
  notes: 'Notes',
  components: 'Components',
  untitled: 'Untitled',
  unclustered: 'Not in a component',
  technologyAreas: 'Technology areas',
  technologiesFound: 'Technologies identified',
  none: 'None',
  kinds: { idea: 'Idea', technology: 'Technology', need: 'Need', risk: 'Risk', question: 'Question' },
  kindPlural: { idea: 'Ideas', technology: 'Technologies', need: 'Needs', risk: 'Risks', question: 'Questions' },
  annotations: 'Expert annotations',
  communities: { maker: 'Makers', researcher: 'Researchers', company: 'Companies', other: 'Other participants' },
  onProject: 'the project',
  resolved: 'resolved',
  challenges: 'Common challenges',
  votesWord: counted('en', 'vote'),
  dotsWord: counted('en', 'dot'),
  voters: counted('en', 'voter'),
  votes: 'Votes',
  partners: 'Interested partners',
  partnerTypes: { company: 'company', expert: 'expert', funder: 'funder', 'public-body': 'public body', research: 'research', association: 'association' },
  offers: { expertise: 'expertise', technology: 'technology', funding: 'funding', 'pilot-site': 'pilot site' },
  brings: 'brings',
  contact: 'Contact',
  projects: 'Projects',
  linkedProjects: 'Projects',
  notesCount: counted('en', 'note'),
  clustersCount: counted('en', 'component'),
  challengesCount: counted('en', 'commonChallenge'),
  interestsCount: counted('en', 'interestedPartner'),
  anonymous: 'Anonymous',
  csv: {
    projectId: 'project_id',
    project: 'project',
    commune: 'municipality',
    noteId: 'note_id',
    kind: 'kind',
    text: 'text',
    author: 'author',
    cluster: 'component',
    tags: 'technologies',
    dots: 'dots',
    challenges: 'common_challenges',
    comments: 'annotations',
    x: 'x',
    y: 'y',
    createdAt: 'created_at',
  },
};

export const de: ReportLabels = {
  lang: 'de',
  summary: 'Zusammenfassung',
  commune: 'Gemeinde',
  theme: 'Thema',
  noTheme: 'Ohne Thema',
  notes: 'Notizen',
  components: 'Bausteine',
  untitled: 'Ohne Titel',
  unclustered: 'Keinem Baustein zugeordnet',
  technologyAreas: 'Technologiebereiche',
  technologiesFound: 'Ermittelte Technologien',
  none: 'Keine',
  kinds: { idea: 'Idee', technology: 'Technologie', need: 'Bedarf', risk: 'Risiko', question: 'Frage' },
  kindPlural: { idea: 'Ideen', technology: 'Technologien', need: 'Bedarfe', risk: 'Risiken', question: 'Fragen' },
  annotations: 'Anmerkungen der Fachleute',
  communities: { maker: 'Maker', researcher: 'Forschende', company: 'Unternehmen', other: 'Weitere Teilnehmende' },
  onProject: 'das Projekt',
  resolved: 'erledigt',
  challenges: 'Gemeinsame Herausforderungen',
  votesWord: counted('de', 'vote'),
  dotsWord: counted('de', 'dot'),
  voters: counted('de', 'voter'),
  votes: 'Abstimmung',
  partners: 'Interessierte Partner',
  partnerTypes: {
    company: 'Unternehmen',
    expert: 'Fachperson',
    funder: 'Geldgeber',
    'public-body': 'öffentliche Stelle',
    research: 'Forschung',
    association: 'Verein',
  },
  offers: { expertise: 'Fachwissen', technology: 'Technologie', funding: 'Finanzierung', 'pilot-site': 'Pilotstandort' },
  brings: 'bringt ein',
  contact: 'Kontakt',
  projects: 'Projekte',
  linkedProjects: 'Projekte',
  notesCount: counted('de', 'note'),
  clustersCount: counted('de', 'component'),
  challengesCount: counted('de', 'commonChallenge'),
  interestsCount: counted('de', 'interestedPartner'),
  anonymous: 'Anonym',
  csv: {
    projectId: 'projekt_id',
    project: 'projekt',
    commune: 'gemeinde',
    noteId: 'notiz_id',
    kind: 'typ',
    text: 'text',
    author: 'autor',
    cluster: 'baustein',
    tags: 'technologien',
    dots: 'punkte',
    challenges: 'gemeinsame_herausforderungen',
    comments: 'anmerkungen',
    x: 'x',
    y: 'y',
    createdAt: 'erstellt_am',
  },
};

/** Every report language, in the UI's order. */
export const REPORT_LABELS: Readonly<Record<ReportLang, ReportLabels>> = { fr, nl, en, de };

export const isReportLang = (v: unknown): v is ReportLang => typeof v === 'string' && Object.keys(REPORT_LABELS).includes(v);
