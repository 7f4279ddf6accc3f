import type { Community, NoteKind } from '../schema';
import type { PartnerOffer, PartnerType } from '../partners';

/** Words of the reports (Markdown and CSV), French by default. Kept here so the reports stay pure. */
export interface ReportLabels {
  lang: 'fr' | 'en';
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

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

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
  votesWord: plural('vote', 'votes'),
  dotsWord: plural('point', 'points'),
  voters: plural('votant·e', 'votant·es'),
  votes: 'Votes',
  partners: 'Partenaires intéressés',
  partnerTypes: { company: 'entreprise', expert: 'expert·e', funder: 'financeur' },
  offers: { expertise: 'expertise', technology: 'technologie', funding: 'financement', 'pilot-site': 'site pilote' },
  brings: 'apporte',
  contact: 'Contact',
  projects: 'Projets',
  linkedProjects: 'Projets',
  notesCount: plural('note', 'notes'),
  clustersCount: plural('composante', 'composantes'),
  challengesCount: plural('défi commun', 'défis communs'),
  interestsCount: plural('partenaire intéressé', 'partenaires intéressés'),
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
  votesWord: plural('vote', 'votes'),
  dotsWord: plural('dot', 'dots'),
  voters: plural('voter', 'voters'),
  votes: 'Votes',
  partners: 'Interested partners',
  partnerTypes: { company: 'company', expert: 'expert', funder: 'funder' },
  offers: { expertise: 'expertise', technology: 'technology', funding: 'funding', 'pilot-site': 'pilot site' },
  brings: 'brings',
  contact: 'Contact',
  projects: 'Projects',
  linkedProjects: 'Projects',
  notesCount: plural('note', 'notes'),
  clustersCount: plural('component', 'components'),
  challengesCount: plural('common challenge', 'common challenges'),
  interestsCount: plural('interested partner', 'interested partners'),
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

export const REPORT_LABELS = { fr, en } as const;
