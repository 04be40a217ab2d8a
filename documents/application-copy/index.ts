// The association's copy of its submitted application, rendered through the shared PDF layout.
export { renderApplicationCopy, applicationCopyFilename } from './render';
export type { ApplicationCopyData } from './application-copy-data';
