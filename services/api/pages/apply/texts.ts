import { TARGET_GROUPS } from '../../../../domain/categories';
import { labelTable } from '../../../../locale';

// The application pages' texts are in locale/catalogues/*/apply.json. This stays only while the
// staff pages and statistics still import the target groups' names from here; once they read
// `common.targetGroup.*` themselves, this file goes.
export const TARGET_GROUP_LABELS = labelTable('common.targetGroup', TARGET_GROUPS);
