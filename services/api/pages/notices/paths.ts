/** Where the privacy notice and the accessibility statement live (linked from every footer). */
export const PRIVACY_PATH = '/privatliv';
export const ACCESSIBILITY_PATH = '/tilgaengelighed';
