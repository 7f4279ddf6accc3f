import { lazy } from 'react';

/**
 * Views most people never open (the wall, reports, the challenges page): separate chunks loaded on first
 * use, so a participant's first load carries only the workshop and its canvas. The Suspense boundary that
 * covers their loading is in App.
 */
export const ProjectorView = lazy(async () => ({ default: (await import('./ProjectorView')).ProjectorView }));
export const ReportView = lazy(async () => ({ default: (await import('./ReportView')).ReportView }));
export const ChallengesView = lazy(async () => ({ default: (await import('./ChallengesView')).ChallengesView }));
/** A project's notes as a list (a page of its own). */
export const OutlineView = lazy(async () => ({ default: (await import('./OutlineView')).OutlineView }));
/** The phone participant mode (lists instead of the board): laptops never download it. */
const phoneProjectView = () => import('../phone/PhoneProjectView');
export const PhoneWorkshopView = lazy(async () => ({ default: (await import('../phone/PhoneWorkshopView')).PhoneWorkshopView }));
export const PhoneProjectView = lazy(async () => ({ default: (await phoneProjectView()).PhoneProjectView }));
/** The facilitator's cockpit: participants never download it. */
export const FacilitatorPanel = lazy(async () => ({ default: (await import('../components/FacilitatorPanel')).FacilitatorPanel }));
/** The board: a phone reading the list never downloads it (the canvas is most of the client's code). */
const canvasView = () => import('./CanvasView');
export const CanvasView = lazy(async () => ({ default: (await canvasView()).CanvasView }));

/**
 * Starts fetching a project page's code as soon as its link opens, alongside the identity check,
 * rather than once the check is done (the lazy view then finds the module loaded). A failure is
 * left to the lazy view, which tries again.
 */
export function preloadProjectView(phone: boolean): void {
  (phone ? phoneProjectView() : canvasView()).catch(() => undefined);
}
