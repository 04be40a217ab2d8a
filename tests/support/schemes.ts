/** The § 18 scheme its migration made, with a fixed id: every round written without a scheme belongs to it. */
export const SECTION_18_SCHEME_ID = '00000000-0000-4000-8000-000000000018';
export const SECTION_18_SCHEME_SLUG = 'paragraf-18';
