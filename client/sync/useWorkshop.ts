import type * as Y from 'yjs';
import { readWorkshop, type WorkshopView } from '../../shared/schema';
import { useDocValue } from './useDocValue';

export const useWorkshop = (doc: Y.Doc): WorkshopView => useDocValue(doc, readWorkshop);
