import * as Y from 'yjs';
import { addNote, addProject, addQuestion, initWorkshop, recordVoteResults, toggleQuestionUpvote } from '../../shared/operations';
import { emptyGroupCounts } from '../../shared/facilitation';
import { seedTaxonomy, setNoteTags } from '../../shared/taxonomy';
import { addCluster, assignNotes } from '../../shared/clusters';
import { addComment, resolveThread } from '../../shared/comments';
import { addChallenge, createChallengeFromNote, linkNote, linkProject, mergeChallenges, toggleChallengeVote } from '../../shared/challenges';
import { declareInterest } from '../../shared/partners';
import { setRecordApproach, setRecordNumber, setRecordText } from '../../shared/projectRecord';

/** A small workshop with fixed ids and timestamps, for the report and export tests. */
export function reportFixture(): { workshop: Y.Doc; projects: Record<string, Y.Doc> } {
  const workshop = new Y.Doc();
  initWorkshop(workshop, {
    title: 'Regards croisés sur la SmartCity',
    createdAt: 1_700_000_000_000,
    themes: [
      { id: 'techdata', name: 'Technologie et données dans l’espace public' },
      { id: 'citizen', name: 'Implication citoyenne' },
    ],
  });
  seedTaxonomy(workshop, [
    { id: 'sensorsiot', fr: 'Capteurs & IoT', en: 'Sensors & IoT' },
    { id: 'connectivity', fr: 'Connectivité', en: 'Connectivity' },
    { id: 'opendata', fr: 'Données ouvertes', en: 'Open data' },
  ]);
  addProject(workshop, { id: 'namur', name: 'Air sain', commune: 'Namur', themeId: 'techdata', createdAt: 1_700_000_001_000 });
  addProject(workshop, { id: 'ciney', name: 'Budget participatif', commune: 'Ciney', themeId: 'citizen', createdAt: 1_700_000_002_000 });
  setRecordText(workshop, 'namur', 'description', "Mesurer la qualité de l'air près des écoles et publier les mesures.");
  setRecordText(workshop, 'namur', 'objectives', 'Informer les parents\nRéduire le trafic aux heures de pointe');
  setRecordText(workshop, 'namur', 'outcomes', '20 capteurs installés, données ouvertes chaque heure');
  setRecordText(workshop, 'namur', 'contact', 'Claire Dubois, smartcity@namur.be');
  setRecordText(workshop, 'namur', 'callTheme', 'Énergie et environnement');
  setRecordApproach(workshop, 'namur', 'replicated');
  setRecordText(workshop, 'namur', 'approachNote', 'Reprend le réseau de capteurs de Gembloux');
  setRecordText(workshop, 'namur', 'connections', 'Portail open data de la Ville, réseau LoRaWAN provincial');
  setRecordNumber(workshop, 'namur', 'budgetMin', 80_000);
  setRecordNumber(workshop, 'namur', 'budgetMax', 120_000);
  setRecordText(workshop, 'namur', 'timeline', 'Septembre 2027 – juin 2028');

  const namur = new Y.Doc();
  const author = { authorId: 'com1', authorName: 'Claire' };
  addNote(namur, { id: 'n1', x: 0, y: 0, kind: 'technology', text: "Capteurs de qualité de l'air", ...author, createdAt: 1_700_000_010_000 });
  addNote(namur, { id: 'n2', x: 0, y: 0, kind: 'technology', text: 'Réseau LoRaWAN, "communal"', ...author, createdAt: 1_700_000_011_000 });
  addNote(namur, { id: 'n3', x: 0, y: 0, kind: 'need', text: 'Budget de maintenance\nsur 5 ans', ...author, createdAt: 1_700_000_012_000 });
  addNote(namur, { id: 'n4', x: 0, y: 0, kind: 'risk', text: 'Vandalisme', ...author, createdAt: 1_700_000_013_000 });
  addNote(namur, { id: 'n5', x: 500, y: 40, kind: 'idea', text: 'Publier les mesures en open data', ...author, createdAt: 1_700_000_014_000 });
  setNoteTags(namur, 'n1', ['sensorsiot']);
  setNoteTags(namur, 'n2', ['connectivity']);
  setNoteTags(namur, 'n5', ['opendata']);
  addCluster(namur, { id: 'k1', name: 'Réseau de capteurs', x: 0, y: 0, width: 700, height: 400, createdAt: 1_700_000_020_000 });
  assignNotes(namur, 'k1', ['n1', 'n2', 'n3', 'n4']);
  addComment(namur, {
    id: 'c1',
    target: { type: 'note', id: 'n2' },
    text: 'Vérifier la couverture des gateways',
    authorId: 'exp1',
    authorName: 'Marc',
    authorRole: 'expert',
    authorCommunity: 'maker',
    createdAt: 1_700_000_030_000,
  });
  addComment(namur, {
    id: 'c2',
    target: { type: 'cluster', id: 'k1' },
    text: 'Calibrer les capteurs chaque année',
    authorId: 'exp2',
    authorName: 'Rita',
    authorRole: 'expert',
    authorCommunity: 'researcher',
    createdAt: 1_700_000_031_000,
  });
  addComment(namur, {
    id: 'c3',
    target: { type: 'project' },
    text: 'Nous pouvons fournir un site pilote',
    authorId: 'exp3',
    authorName: 'Ben',
    authorRole: 'expert',
    authorCommunity: 'company',
    createdAt: 1_700_000_032_000,
  });
  resolveThread(namur, { type: 'note', id: 'n2' }, 'com1', 1_700_000_033_000);
  recordVoteResults(namur, {
    roundId: 'r1',
    projectId: 'namur',
    voters: 3,
    votersByGroup: { ...emptyGroupCounts(), commune: 1, maker: 1, researcher: 1 },
    items: [
      { itemId: 'n1', total: 4, byGroup: { ...emptyGroupCounts(), commune: 2, maker: 2 } },
      { itemId: 'n5', total: 2, byGroup: { ...emptyGroupCounts(), researcher: 2 } },
    ],
    closedAt: 1_700_000_040_000,
  });
  declareInterest(namur, {
    id: 'p1',
    name: 'Sophie Martin',
    organisation: 'IoT Wallonie',
    partnerType: 'company',
    offers: ['technology', 'pilot-site'],
    description: 'Passerelles LoRaWAN',
    consent: true,
    contact: 'sophie@example.be',
    declaredBy: 'v1',
    createdAt: 1_700_000_050_000,
  });
  declareInterest(namur, {
    id: 'p2',
    name: 'Fonds Air',
    organisation: '',
    partnerType: 'funder',
    offers: ['funding'],
    description: '',
    consent: false,
    contact: 'hidden@example.be',
    declaredBy: 'v2',
    createdAt: 1_700_000_051_000,
  });
  addQuestion(namur, { id: 'q1', text: 'Quel coût ?', authorId: 'v3', authorName: 'Public', askedAt: 1_700_000_060_000 });
  toggleQuestionUpvote(namur, 'q1', 'v4');

  const ciney = new Y.Doc();
  addNote(ciney, {
    id: 'm1',
    x: 0,
    y: 0,
    kind: 'idea',
    text: 'Budget participatif en ligne',
    authorId: 'com2',
    authorName: 'Luc',
    createdAt: 1_700_000_015_000,
  });

  createChallengeFromNote(workshop, {
    id: 'ch1',
    title: 'Financer la maintenance',
    projectId: 'namur',
    noteId: 'n3',
    themeId: 'techdata',
    createdBy: 'com1',
    createdAt: 1_700_000_070_000,
  });
  addChallenge(workshop, { id: 'ch2', title: 'Ouvrir les données', description: 'Standards communs', createdBy: 'exp2', createdAt: 1_700_000_071_000 });
  linkNote(workshop, 'ch2', 'namur', 'n5');
  linkProject(workshop, 'ch2', 'ciney');
  addChallenge(workshop, { id: 'ch3', title: 'Coûts de maintenance', createdBy: 'com2', createdAt: 1_700_000_072_000 });
  linkProject(workshop, 'ch3', 'ciney');
  for (const u of ['u1', 'u2']) toggleChallengeVote(workshop, 'ch2', u);
  toggleChallengeVote(workshop, 'ch3', 'u3');
  mergeChallenges(workshop, { sourceId: 'ch3', targetId: 'ch1', mergedAt: 1_700_000_073_000 });

  return { workshop, projects: { namur, ciney } };
}
