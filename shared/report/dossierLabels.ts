import type { ReportLang } from './reportLabels';

/**
 * The words of the application dossier and of the organisers' synthesis, organised along what the
 * "Territoire intelligent" juries score. Wording a commune can paste into its application: no
 * internal labels of the tool. Counted words come from shared/words.ts.
 */
export interface DossierLabels {
  subtitle: (workshop: string) => string;
  synthesisTitle: (workshop: string) => string;
  synthesisSubtitle: string;
  notStated: string;
  // 1. the project
  project: string;
  workshopTheme: string;
  callTheme: string;
  timeline: string;
  need: string;
  objectives: string;
  outcomes: string;
  // 2. innovation or replication
  innovation: string;
  approachNew: string;
  approachReplicated: string;
  approachUnset: string;
  ideas: string;
  // 3. components
  components: string;
  otherElements: string;
  // 4. interoperability and openness
  interoperability: string;
  connections: string;
  openness: string;
  // 5. replicability and pooling
  replicability: string;
  sharedWith: string;
  onlyHere: string;
  // 6. partners
  partners: string;
  /** `words`: "2 entreprises" (counted). */
  companies: (words: string) => string;
  // 7. budget
  budget: string;
  totalCost: string;
  regionalAid: (rate: number, assumed: boolean) => string;
  ownShare: string;
  // 8. risks
  risks: string;
  mitigation: string;
  noMitigation: string;
  // 9. evidence
  evidence: string;
  audienceQuestions: string;
  answered: string;
  unanswered: string;
  // synthesis
  challengesRanked: string;
  matrix: string;
  matrixProject: string;
  directory: string;
  directoryHeader: [string, string, string, string, string];
  contactWithheld: string;
  participation: string;
  participationHeader: [string, string, string, string, string];
  /** The experts the project met on the ideation day. */
  expertPanel: string;
  groups: Record<'commune' | 'maker' | 'researcher' | 'company' | 'facilitator' | 'viewer', string>;
}

export const DOSSIER_LABELS: Readonly<Record<ReportLang, DossierLabels>> = {
  fr: {
    subtitle: (w) => `Dossier de candidature à l’appel « Territoire intelligent », préparé lors de l’atelier « ${w} »`,
    synthesisTitle: (w) => `Synthèse de l’atelier « ${w} »`,
    synthesisSubtitle: 'Pour les organisateurs : défis communs, technologies, partenaires et participation',
    notStated: 'À préciser',
    project: '1. Le projet et son contexte',
    workshopTheme: 'Thématique de l’atelier',
    callTheme: 'Thème de l’appel visé',
    timeline: 'Calendrier',
    need: 'Besoin et description',
    objectives: 'Objectifs',
    outcomes: 'Résultats attendus',
    innovation: '2. Innovation ou réplication',
    approachNew: 'Projet nouveau sur le territoire.',
    approachReplicated: 'Réplication d’un projet intelligent existant.',
    approachUnset: 'À préciser : projet nouveau sur le territoire ou réplication d’un projet existant.',
    ideas: 'Idées retenues lors de l’atelier',
    components: '3. Composantes et technologies',
    otherElements: 'Autres éléments de l’atelier',
    interoperability: '4. Interopérabilité et ouverture',
    connections: 'Systèmes et données existants à relier',
    openness: 'Données et solutions ouvertes envisagées',
    replicability: '5. Réplicabilité et mutualisation',
    sharedWith: 'partagé avec',
    onlyHere: 'propre à ce projet pour l’instant',
    partners: '6. Partenaires',
    companies: (words) => `${words} parmi les partenaires intéressés (l’appel demande au moins une PME).`,
    budget: '7. Cadre budgétaire et cofinancement',
    totalCost: 'Coût total estimé',
    regionalAid: (rate, assumed) => `Subside régional sollicité (${rate} %${assumed ? ', taux habituel de l’appel' : ''})`,
    ownShare: 'Part communale',
    risks: '8. Risques et mesures d’atténuation',
    mitigation: 'Mesure proposée',
    noMitigation: 'mesure d’atténuation à définir',
    evidence: '9. Ce que l’atelier a produit',
    audienceQuestions: 'Questions du public',
    answered: 'répondue',
    unanswered: 'à traiter',
    challengesRanked: 'Défis communs, par soutien',
    matrix: 'Projets et domaines technologiques',
    matrixProject: 'Projet (commune)',
    directory: 'Annuaire des partenaires',
    directoryHeader: ['Partenaire', 'Type', 'Projet (commune)', 'Apport', 'Contact'],
    contactWithheld: 'non communiqué (pas de consentement)',
    participation: 'Participation par communauté',
    participationHeader: ['Communauté', 'Personnes', 'Notes', 'Annotations', 'Points de vote'],
    expertPanel: 'Panel d’experts de l’atelier d’idéation',
    groups: {
      commune: 'Communes',
      maker: 'Makers',
      researcher: 'Chercheur·euses',
      company: 'Entreprises',
      facilitator: 'Animation',
      viewer: 'Public et partenaires',
    },
  },
  nl: {
    subtitle: (w) => `Aanvraagdossier voor de oproep „Territoire intelligent”, voorbereid tijdens de workshop „${w}”`,
    synthesisTitle: (w) => `Synthese van de workshop „${w}”`,
    synthesisSubtitle: 'Voor de organisatoren: gemeenschappelijke uitdagingen, technologieën, partners en deelname',
    notStated: 'Nog te bepalen',
    project: '1. Het project en zijn context',
    workshopTheme: 'Thema van de workshop',
    callTheme: 'Beoogd thema van de oproep',
    timeline: 'Planning',
    need: 'Behoefte en beschrijving',
    objectives: 'Doelstellingen',
    outcomes: 'Verwachte resultaten',
    innovation: '2. Innovatie of overname',
    approachNew: 'Nieuw project op het grondgebied.',
    approachReplicated: 'Overname van een bestaand slim project.',
    approachUnset: 'Nog te bepalen: nieuw project of overname van een bestaand project.',
    ideas: 'Ideeën uit de workshop',
    components: '3. Onderdelen en technologieën',
    otherElements: 'Andere elementen uit de workshop',
    interoperability: '4. Interoperabiliteit en openheid',
    connections: 'Bestaande systemen en gegevens om te koppelen',
    openness: 'Beoogde open gegevens en oplossingen',
    replicability: '5. Herbruikbaarheid en samenwerking',
    sharedWith: 'gedeeld met',
    onlyHere: 'voorlopig eigen aan dit project',
    partners: '6. Partners',
    companies: (words) => `${words} onder de geïnteresseerde partners (de oproep vraagt minstens één kmo).`,
    budget: '7. Budgettair kader en cofinanciering',
    totalCost: 'Geschatte totale kosten',
    regionalAid: (rate, assumed) => `Gevraagde gewestelijke subsidie (${rate} %${assumed ? ', gebruikelijk percentage van de oproep' : ''})`,
    ownShare: 'Eigen bijdrage van de gemeente',
    risks: '8. Risico’s en beperkende maatregelen',
    mitigation: 'Voorgestelde maatregel',
    noMitigation: 'maatregel nog te bepalen',
    evidence: '9. Wat de workshop opleverde',
    audienceQuestions: 'Vragen van het publiek',
    answered: 'beantwoord',
    unanswered: 'nog te beantwoorden',
    challengesRanked: 'Gemeenschappelijke uitdagingen, naar steun',
    matrix: 'Projecten en technologiedomeinen',
    matrixProject: 'Project (gemeente)',
    directory: 'Partnerlijst',
    directoryHeader: ['Partner', 'Soort', 'Project (gemeente)', 'Inbreng', 'Contact'],
    contactWithheld: 'niet meegedeeld (geen toestemming)',
    participation: 'Deelname per gemeenschap',
    participationHeader: ['Gemeenschap', 'Personen', 'Notities', 'Opmerkingen', 'Stempunten'],
    expertPanel: 'Expertenpanel van de ideeënworkshop',
    groups: {
      commune: 'Gemeenten',
      maker: 'Makers',
      researcher: 'Onderzoekers',
      company: 'Bedrijven',
      facilitator: 'Begeleiding',
      viewer: 'Publiek en partners',
    },
  },
  en: {
    subtitle: (w) => `Application file for the “Territoire intelligent” call, prepared at the workshop “${w}”`,
    synthesisTitle: (w) => `Synthesis of the workshop “${w}”`,
    synthesisSubtitle: 'For the organisers: common challenges, technologies, partners and participation',
    notStated: 'To be stated',
    project: '1. The project and its context',
    workshopTheme: 'Workshop theme',
    callTheme: 'Call theme answered',
    timeline: 'Timeline',
    need: 'Need and description',
    objectives: 'Objectives',
    outcomes: 'Expected outcomes',
    innovation: '2. Innovation or replication',
    approachNew: 'A project new on this territory.',
    approachReplicated: 'The replication of an existing smart project.',
    approachUnset: 'To be stated: new on this territory, or the replication of an existing project.',
    ideas: 'Ideas kept at the workshop',
    components: '3. Components and technologies',
    otherElements: 'Other elements from the workshop',
    interoperability: '4. Interoperability and openness',
    connections: 'Existing systems and data to connect to',
    openness: 'Open data and open solutions considered',
    replicability: '5. Replicability and pooling',
    sharedWith: 'shared with',
    onlyHere: 'specific to this project so far',
    partners: '6. Partners',
    companies: (words) => `${words} among the interested partners (the call requires at least one SME).`,
    budget: '7. Budget frame and co-financing',
    totalCost: 'Estimated total cost',
    regionalAid: (rate, assumed) => `Regional grant requested (${rate}%${assumed ? ', the call’s usual rate' : ''})`,
    ownShare: 'Municipality’s own contribution',
    risks: '8. Risks and mitigations',
    mitigation: 'Proposed mitigation',
    noMitigation: 'mitigation to be defined',
    evidence: '9. What the workshop produced',
    audienceQuestions: 'Questions from the audience',
    answered: 'answered',
    unanswered: 'to be answered',
    challengesRanked: 'Common challenges, by support',
    matrix: 'Projects and technology areas',
    matrixProject: 'Project (municipality)',
    directory: 'Partner directory',
    directoryHeader: ['Partner', 'Type', 'Project (municipality)', 'Brings', 'Contact'],
    contactWithheld: 'not shared (no consent)',
    participation: 'Participation by community',
    participationHeader: ['Community', 'People', 'Notes', 'Annotations', 'Vote dots'],
    expertPanel: 'Expert panel at the ideation workshop',
    groups: {
      commune: 'Municipalities',
      maker: 'Makers',
      researcher: 'Researchers',
      company: 'Companies',
      facilitator: 'Facilitation',
      viewer: 'Audience and partners',
    },
  },
  de: {
    subtitle: (w) => `Antragsunterlagen für den Aufruf „Territoire intelligent“, erarbeitet im Workshop „${w}“`,
    synthesisTitle: (w) => `Synthese des Workshops „${w}“`,
    synthesisSubtitle: 'Für die Veranstalter: gemeinsame Herausforderungen, Technologien, Partner und Beteiligung',
    notStated: 'Noch anzugeben',
    project: '1. Das Projekt und sein Kontext',
    workshopTheme: 'Thema des Workshops',
    callTheme: 'Angestrebtes Thema des Aufrufs',
    timeline: 'Zeitplan',
    need: 'Bedarf und Beschreibung',
    objectives: 'Ziele',
    outcomes: 'Erwartete Ergebnisse',
    innovation: '2. Innovation oder Übernahme',
    approachNew: 'Ein auf dem Gebiet neues Projekt.',
    approachReplicated: 'Die Übernahme eines bestehenden Smart-Projekts.',
    approachUnset: 'Noch anzugeben: neues Projekt oder Übernahme eines bestehenden Projekts.',
    ideas: 'Im Workshop festgehaltene Ideen',
    components: '3. Bausteine und Technologien',
    otherElements: 'Weitere Elemente aus dem Workshop',
    interoperability: '4. Interoperabilität und Offenheit',
    connections: 'Anzubindende bestehende Systeme und Daten',
    openness: 'Vorgesehene offene Daten und Lösungen',
    replicability: '5. Übertragbarkeit und Bündelung',
    sharedWith: 'geteilt mit',
    onlyHere: 'bisher nur in diesem Projekt',
    partners: '6. Partner',
    companies: (words) => `${words} unter den interessierten Partnern (der Aufruf verlangt mindestens ein KMU).`,
    budget: '7. Budgetrahmen und Kofinanzierung',
    totalCost: 'Geschätzte Gesamtkosten',
    regionalAid: (rate, assumed) => `Beantragter regionaler Zuschuss (${rate} %${assumed ? ', üblicher Satz des Aufrufs' : ''})`,
    ownShare: 'Eigenanteil der Gemeinde',
    risks: '8. Risiken und Gegenmaßnahmen',
    mitigation: 'Vorgeschlagene Maßnahme',
    noMitigation: 'Gegenmaßnahme noch festzulegen',
    evidence: '9. Was der Workshop ergeben hat',
    audienceQuestions: 'Fragen aus dem Publikum',
    answered: 'beantwortet',
    unanswered: 'offen',
    challengesRanked: 'Gemeinsame Herausforderungen, nach Unterstützung',
    matrix: 'Projekte und Technologiebereiche',
    matrixProject: 'Projekt (Gemeinde)',
    directory: 'Partnerverzeichnis',
    directoryHeader: ['Partner', 'Art', 'Projekt (Gemeinde)', 'Beitrag', 'Kontakt'],
    contactWithheld: 'nicht mitgeteilt (keine Einwilligung)',
    participation: 'Beteiligung nach Gemeinschaft',
    participationHeader: ['Gemeinschaft', 'Personen', 'Notizen', 'Anmerkungen', 'Abstimmungspunkte'],
    expertPanel: 'Expertenpanel des Ideen-Workshops',
    groups: {
      commune: 'Gemeinden',
      maker: 'Maker',
      researcher: 'Forschende',
      company: 'Unternehmen',
      facilitator: 'Moderation',
      viewer: 'Publikum und Partner',
    },
  },
};
