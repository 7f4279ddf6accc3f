import { lazy } from 'react';

/**
 * Views most people never open (the wall, reports, the challenges page): separate chunks loaded on first
 * use, so a participant's first load carries only the workshop and its canvas. The Suspense boundary that
 * covers their loading is in App.
 */
export const ProjectorView = lazy(async () => ({ default: (await import('./ProjectorView')).ProjectorView }));
export const ReportView = lazy(async () => ({ default: (await import('./ReportView')).ReportView }));
export const ChallengesView = lazy(async () => ({ default: (await import('./ChallengesView')).ChallengesView }));
/** The board: a phone reading the list never downloads it (the canvas is most of the client's code). */
/** The phone participant mode (lists instead of the board): laptops never download it. */
export const PhoneWorkshopView = lazy(async () => ({ default: (await import('../phone/PhoneWorkshopView')).PhoneWorkshopView }));
export const PhoneProjectView = lazy(async () => ({ default: (await import('../phone/PhoneProjectView')).PhoneProjectView }));
/** The facilitator's cockpit: participants never download it. */
export const FacilitatorPanel = lazy(async () => ({ default: (await import('../components/FacilitatorPanel')).FacilitatorPanel }));
export const CanvasView = lazy(async () => ({ default: (await import('./CanvasView')).CanvasView }));
